// Billing intents of a customer message, in English, Spanish, German and French, tolerant to typos
// (edit distance on each word) and to word order. Shared by the offline model (what to look up) and
// the chat turn (routing tag of a handoff, whether a turn went unanswered).
import { fold } from './guard/claims.ts';
import { COMBINATIONS, KEYWORDS } from './intent-keywords.ts';

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
  for (const c of COMBINATIONS) {
    if (!scores.has(c.with)) continue;
    if (c.cues.some((cue) => toks.some((_, i) => phraseAt(toks, i, cue.split(' ')))))
      scores.set(c.intent, (scores.get(c.intent) ?? 0) + c.weight);
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
