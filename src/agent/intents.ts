// Billing intents of a customer message, in English, Spanish, German and French, tolerant to typos
// (edit distance on each word) and to word order. Shared by the offline model (what to look up) and
// the chat turn (routing tag of a handoff, whether a turn went unanswered).
import { fold } from './guard/claims.ts';

export const INTENTS = [
  'human',
  'refund',
  'invoice',
  'failed_payment',
  'cancel',
  'trial',
  'change_plan',
  'next_charge',
  'last_payment',
  'access',
  'paid',
  'plan',
  'status',
  'greeting',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Keywords (folded); a phrase of several words counts more than one word. Weight 3 marks a strong cue. */
const KEYWORDS: Record<Intent, [string, number][]> = {
  human: kw(
    3,
    'human',
    'real person',
    'a person',
    'representative',
    'someone',
    'talk to',
    'speak to',
    'live agent',
    'humano',
    'una persona',
    'hablar con',
    'agente',
    'mensch',
    'mitarbeiter',
    'echte person',
    'sprechen',
    'humain',
    'une personne',
    'conseiller',
    'parler a',
  ),
  refund: kw(
    3,
    'refund',
    'refunded',
    'money back',
    'reembolso',
    'reembolsar',
    'devolucion',
    'erstattung',
    'ruckerstattung',
    'erstattet',
    'geld zuruck',
    'remboursement',
    'rembourse',
    'rembourser',
  ),
  invoice: kw(
    3,
    'invoice',
    'invoices',
    'receipt',
    'receipts',
    'factura',
    'facturas',
    'recibo',
    'rechnung',
    'rechnungen',
    'quittung',
    'beleg',
    'facture',
    'factures',
    'recu',
  ),
  failed_payment: kw(
    3,
    'declined',
    'failed',
    'fail',
    'failing',
    'rejected',
    'rechazado',
    'rechazada',
    'fallo',
    'fallido',
    'fehlgeschlagen',
    'abgelehnt',
    'refuse',
    'echoue',
    'echec',
  ),
  cancel: kw(
    3,
    'cancel',
    'cancellation',
    'cancelation',
    'unsubscribe',
    'cancelar',
    'cancelacion',
    'darme de baja',
    'kundigen',
    'kundigung',
    'stornieren',
    'annuler',
    'annulation',
    'resilier',
    'resiliation',
  ),
  trial: kw(
    3,
    'trial',
    'free trial',
    'prueba',
    'periodo de prueba',
    'testphase',
    'probezeit',
    'testzeitraum',
    'essai',
    'periode d essai',
  ),
  change_plan: kw(
    3,
    'upgrade',
    'downgrade',
    'change plan',
    'change my plan',
    'switch plan',
    'switch to',
    'cambiar plan',
    'cambiar de plan',
    'cambiar mi plan',
    'plan wechseln',
    'tarif wechseln',
    'wechseln',
    'changer de plan',
    'changer d offre',
    'changer mon',
  ),
  next_charge: kw(
    3,
    'next charge',
    'next payment',
    'next bill',
    'renew',
    'renewal',
    'renews',
    'be charged',
    'how much will',
    'proximo cobro',
    'proximo pago',
    'renovacion',
    'se renueva',
    'nachste zahlung',
    'nachste abbuchung',
    'verlangerung',
    'verlangert',
    'prochain paiement',
    'prochain prelevement',
    'renouvellement',
  ),
  last_payment: kw(
    3,
    'last payment',
    'latest payment',
    'recent payment',
    'ultimo pago',
    'letzte zahlung',
    'dernier paiement',
  ),
  access: kw(
    3,
    'access',
    'blocked',
    'locked out',
    'cant log in',
    'cannot use',
    'acceso',
    'bloqueado',
    'bloqueada',
    'zugriff',
    'zugang',
    'gesperrt',
    'acces',
    'bloque',
  ),
  paid: kw(
    2,
    'go through',
    'went through',
    'am i paid',
    'paid',
    'payment',
    'charged',
    'pago',
    'pagado',
    'cobrado',
    'cobro',
    'zahlung',
    'bezahlt',
    'abgebucht',
    'paiement',
    'paye',
    'preleve',
  ),
  plan: kw(
    2,
    'plan',
    'included',
    'includes',
    'features',
    'tier',
    'tarif',
    'incluye',
    'incluido',
    'enthalten',
    'funktionen',
    'inclus',
    'formule',
    'offre',
  ),
  status: kw(
    1,
    'status',
    'subscription',
    'account',
    'membership',
    'estado',
    'suscripcion',
    'cuenta',
    'abo',
    'abonnement',
    'konto',
    'mitgliedschaft',
    'statut',
    'compte',
  ),
  greeting: kw(
    1,
    'hi',
    'hello',
    'hey',
    'thanks',
    'thank you',
    'hola',
    'gracias',
    'hallo',
    'danke',
    'bonjour',
    'salut',
    'merci',
  ),
};

function kw(weight: number, ...words: string[]): [string, number][] {
  return words.map((w) => [w, w.includes(' ') ? weight + 1 : weight]);
}

export function tokens(text: string): string[] {
  return fold(text)
    .replace(/'/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Damerau-Levenshtein distance, capped: returns max + 1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/** In a phrase the neighbouring words give context, so shorter words may carry a typo too. */
function wordMatches(token: string, word: string, inPhrase = false): boolean {
  if (token === word) return true;
  const max = word.length >= 9 ? 2 : word.length >= (inPhrase ? 4 : 5) ? 1 : 0;
  return max > 0 && editDistance(token, word, max) <= max;
}

function phraseAt(toks: string[], i: number, words: string[]): boolean {
  return words.every((w, k) => {
    const t = toks[i + k];
    return t !== undefined && wordMatches(t, w, words.length > 1);
  });
}

export function intentScores(text: string): Map<Intent, number> {
  const toks = tokens(text);
  const scores = new Map<Intent, number>();
  for (const intent of INTENTS) {
    let score = 0;
    for (const [phrase, weight] of KEYWORDS[intent]) {
      const words = phrase.split(' ');
      if (toks.some((_, i) => phraseAt(toks, i, words))) score += weight;
    }
    if (score > 0) scores.set(intent, score);
  }
  return scores;
}

/** The strongest intent, ties broken by the order of INTENTS (most specific first); null when none. */
export function detectIntent(text: string): Intent | null {
  const scores = intentScores(text);
  let best: Intent | null = null;
  for (const intent of INTENTS) {
    const s = scores.get(intent) ?? 0;
    if (s > 0 && (best === null || s > (scores.get(best) ?? 0))) best = intent;
  }
  return best;
}

/** Routing tag of a handoff by topic: payment problems to billing, access problems to product. */
export function topicTag(intent: Intent | null): 'billing' | 'product' | 'human_review' {
  switch (intent) {
    case 'refund':
    case 'invoice':
    case 'failed_payment':
    case 'paid':
    case 'last_payment':
    case 'next_charge':
      return 'billing';
    case 'access':
      return 'product';
    default:
      return 'human_review';
  }
}

export const ACCOUNT_INTENTS: ReadonlySet<Intent> = new Set(
  INTENTS.filter((i) => i !== 'greeting' && i !== 'human'),
);
