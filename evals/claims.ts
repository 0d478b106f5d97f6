// Reads the billing claims an answer makes, in English, Spanish, German and French, so the eval can
// compare them with the customer's live state. Written apart from the agent's grounding guard on
// purpose: an eval that shared the guard's reader would share its blind spots. It is vocabulary
// based and tolerant (a real model phrases freely); the offline model's fixed phrasing is one case.
import { findDates, findMoney, type Money } from './claim-values.ts';

export type { Money } from './claim-values.ts';

export type PaymentOutcome = 'succeeded' | 'failed' | 'refunded' | 'partially_refunded' | 'disputed';
export type StatusValue =
  | 'active'
  | 'not_active'
  | 'trialing'
  | 'past_due'
  | 'unpaid'
  | 'canceled'
  | 'cancel_scheduled'
  | 'incomplete'
  | 'incomplete_expired'
  | 'paused'
  | 'none';

export type Claim = { text: string } & (
  | { kind: 'status'; value: StatusValue; date?: string }
  | { kind: 'access'; value: boolean }
  | { kind: 'plan'; plan: string; current: boolean }
  | { kind: 'interval'; value: 'month' | 'year' }
  | { kind: 'next_charge'; none: boolean; amount?: Money; date?: string }
  | { kind: 'trial'; none: boolean; ended: boolean; date?: string }
  | { kind: 'cancel_info'; date?: string }
  | { kind: 'ended'; date: string }
  | { kind: 'payment'; last: boolean; outcome: PaymentOutcome | null; amount?: Money; date?: string }
  | { kind: 'no_payments' }
  | { kind: 'no_failed' }
  | { kind: 'refund'; none: boolean; partial: boolean; amount?: Money; date?: string }
  | { kind: 'deleted' }
  | { kind: 'amount'; amount: Money }
  | { kind: 'date'; date: string }
  | { kind: 'sign_in' }
);
export type ClaimKind = Claim['kind'];

/** Lower case, no accents, straight apostrophes: one spelling per word whatever the keyboard. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[«»“”„]/g, '"')
    .toLowerCase();
}

// ---- vocabulary -------------------------------------------------------------------------------------

const has = (s: string, re: RegExp) => re.test(s);

const V = {
  signIn:
    /\b(sign|log) ?in\b|\bsigned in\b|\blogged in\b|inici(a|ar|e) sesion|melde dich .{0,20}an\b|\banmelden\b|vous connecter|connectez-vous/,
  accessNo:
    /\b(don't|do not|no longer|doesn't|does not) have (any )?access|\b(can't|cannot|can no longer) (access|use) the product|\bno access\b|\baccess (is |has been )?(blocked|suspended|revoked|paused)|\blost (your )?access|\bno tienes acceso|ya no tienes acceso|sin acceso|\bkeinen zugriff|\bkein zugriff|\bkeinen zugang|n'avez (pas|plus) acces|pas d'acces/,
  accessYes:
    /\b(you )?(still )?(have|has|keep|retain) (full )?access|\byou can (still )?(access|use) the product|\btienes acceso|mantienes el acceso|sigues teniendo acceso|\bhast .{0,40}(zugriff|zugang)|\bavez .{0,30}acces|\bgardez (l')?acces/,
  hypotheticalCancel:
    /\bif you cancel|\bif you decide to cancel|\bsi cancelas|\bsi decides cancelar|\bwenn du .{0,40}kundigst|\bsi vous (resiliez|annulez)/,
  scheduledCancel:
    /(set|scheduled|going) to (be )?cancel|will (be )?cancel|cancels? (on|at)\b|se cancelara|\bzum .{0,30}gekundigt|wird .{0,40}gekundigt|sera (annule|resilie)/,
  /** "Your subscription will end on ..." (not a trial: the caller checks). */
  subscriptionEnds:
    /(subscription|plan|abo|suscripcion|abonnement) .{0,40}(will end|ends on|will stop|will expire|endet am|terminara el|prendra fin|se terminera)/,
  canceled:
    /\bcancel+ed\b|\bcancelad[ao]\b|\bgekundigt\b|\bstorniert\b|\bannule\b|\bresilie\b|\bterminated\b/,
  ended: /\bended\b|\bexpired\b|\btermino\b|\bendete\b|a pris fin|s'est termine/,
  pastDue:
    /past[ -]due|overdue|pago vencido|\bvencid[ao]\b|uberfallig|en retard de paiement|impaye en retard/,
  active:
    /\b(is|are|remains|stays)( currently| still| now)? active\b|\bactive subscription\b|\besta activ[ao]\b|\bsigue activ[ao]\b|\bist (noch )?aktiv\b|\best (toujours )?acti(f|ve)\b/,
  notActive: /\bnot active\b|\binactive\b|\bno esta activ|\bnicht (mehr )?aktiv|n'est (pas|plus) acti/,
  trialing:
    /\b(on|in) (a|your|the) ([\w-]+ )?(free )?trial\b|\btrialing\b|\bestas en (un|el) periodo de prueba|\bin der testphase\b|\ben periode d'essai\b/,
  trialWord: /\btrial\b|periodo de prueba|\bprueba\b|testphase|probezeit|periode d'essai|\bessai\b/,
  noTrial:
    /(doesn't|does not|don't|didn't) (have|include) a trial|\bno (free )?trial\b|no tiene periodo de prueba|keine testphase|(n'a|n'avez) pas de periode d'essai/,
  unpaid: /\bunpaid\b|\bimpagad[ao]\b|\bunbezahlt\b|\bimpaye\b|\bnon payee?\b/,
  incompleteExpired:
    /incomplete[ _]expired|\bincomplet[ao]? (y caducad[ao]|et expiree?)\b|\bunvollstandig und abgelaufen\b/,
  incomplete: /\bincomplete\b|\bincomplet[ao]?\b|\bunvollstandig\b/,
  paused: /\bpaused\b|\bpausad[ao]\b|\bpausiert\b|\ben pause\b/,
  none: /(don't|do not|doesn't) have (a|an|any) (active )?subscription|\bno (active )?subscription\b|there is no subscription|no tienes ninguna suscripcion|no hay ninguna suscripcion|\bkein(en)? abo\b|pas d'abonnement|aucun abonnement/,
  deleted: /has been deleted|se ha eliminado|wurde geloscht|a ete supprime/,
  nextCharge:
    /\bnext (charge|payment|invoice|bill|billing|renewal)|(will|'ll) (be charged|be billed|renew)|\brenews? on\b|proximo cobro|proxima factura|proximo pago|se renueva|nachste (abbuchung|zahlung|rechnung|verlangerung)|wird .{0,30}verlangert|prochain (prelevement|paiement)|renouvele le/,
  noNextCharge:
    /no (further|more|other|upcoming) (charges?|payments?)|(won't|will not|wont) (be charged|be billed|renew)|nothing (else )?(is )?(scheduled|due)|no hay mas cobros|keine weitere (abbuchung|zahlung)|aucun autre prelevement/,
  lastPayment:
    /\b(last|latest|most recent|previous) (payment|charge)|\bultimo (pago|cobro)|\bletzte zahlung|\bdernier (paiement|prelevement)/,
  noPayments:
    /(don't|do not) see any payments|\bno payments\b|ningun pago en tu cuenta|keine zahlungen|aucun paiement sur/,
  noFailed:
    /no (recent )?payment(s)? (has |have )?failed|none of your (recent )?payments (has |have )?failed|no se ha rechazado ninguno|\bkeine .{0,50}fehlgeschlagen|aucun paiement .{0,20}n'a echoue/,
  noRefund:
    /no (recent )?payment (has been|was) refunded|no refunds?\b|no se ha reembolsado ninguno|\bkeine .{0,50}erstattet|aucun paiement .{0,20}n'a ete rembourse/,
  refundWord: /refund|reembols|erstatt|rembours/,
  paymentWord: /\bpayment|\bcharge\b|\bpago\b|\bcobro\b|\bzahlung|\babbuchung|\bpaiement|\bprelevement/,
  partial: /partial|parcial|teilweise|partiel/,
  refunded: /\brefunded\b|reembols(ad[ao]|o)\b|\berstattet\b|\brembourse/,
  disputed: /\bdisputed\b|en disputa|angefochten|conteste/,
  failed:
    /\bfailed\b|\bdeclined\b|not go through|rechazad|\bfallo\b|fehlgeschlagen|abgelehnt|\bechouee?\b|\brefusee?\b/,
  succeeded:
    /went through|succeeded|\bsuccessful|se realizo correctamente|\bexitos|erfolgreich|a ete accepte|a reussi|\bpaid\b|\bpagad[ao]\b|\bbezahlt\b|\bpayee?\b/,
  onPlan:
    /\byou'?re on\b|\byou are on\b|\byour current plan\b|tienes el plan|estas en el plan|du hast den tarif|du bist im tarif|vous avez la formule|vous etes sur la formule/,
  listing:
    /available plans|other plans|planes disponibles|otros planes|verfugbare tarife|andere tarife|formules disponibles|autres formules/,
  monthly: /\bmonthly\b|\bmensual\b|\bmonatlich\b|\bmensuel\b|\bper month\b|\bal mes\b|pro monat|par mois/,
  yearly: /\byearly\b|\bannual\b|\banual\b|\bjahrlich\b|\bannuel\b|\bper year\b|al ano|pro jahr|par an\b/,
  failureReason: /reason given was|motivo indicado|angegebener grund|motif indique/,
};

function outcomeOf(s: string): PaymentOutcome | null {
  if (has(s, V.refunded)) return has(s, V.partial) ? 'partially_refunded' : 'refunded';
  if (has(s, V.disputed)) return 'disputed';
  if (has(s, V.failed)) return 'failed';
  if (has(s, V.succeeded)) return 'succeeded';
  return null;
}

// ---- sentences ------------------------------------------------------------------------------------

/** Sentences and list lines. A German ordinal ("1. März") or a decimal point does not end one. */
export function splitSentences(folded: string): string[] {
  return folded
    .split(/\n+|(?<=[!?])\s+|(?<=[^\d\s]\.)\s+|(?<=\d{4}\.)\s+|(?<=\d\.)\s+(?=[a-z]+ (?!\d{4}))/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export type ReadOptions = {
  /** Plan names (and ids) the service sells; only these count as plan claims. */
  plans: { id: string; name: string }[];
  /** "Now", for dates written without a year. */
  now: Date;
};

/** Every claim in an answer. Customer-supplied quotes (failure reasons) are not read as claims. */
export function readClaims(answer: string, o: ReadOptions): Claim[] {
  const claims: Claim[] = [];
  for (const raw of splitSentences(fold(answer))) {
    const s = raw.replace(/"[^"]*"/g, '""');
    claims.push(...sentenceClaims(s, o));
  }
  return claims;
}

/** One sentence being read: its text, the first date and amount in it, and which of them a claim used. */
type Sentence = {
  s: string;
  dates: string[];
  money: Money[];
  date?: string;
  amount?: Money;
  used: { date: boolean; amount: boolean };
  out: Claim[];
  hypothetical: boolean;
  listLine: boolean;
};

function take(x: Sentence, c: Claim, uses: { date?: boolean; amount?: boolean } = {}): void {
  x.out.push(c);
  if (uses.date) x.used.date = true;
  if (uses.amount) x.used.amount = true;
}

function sentenceClaims(s: string, o: ReadOptions): Claim[] {
  const money = findMoney(s).map(({ minor, currency }) => ({ minor, currency }));
  const dates = findDates(s, o.now).map((d) => d.iso);
  const x: Sentence = {
    s,
    dates,
    money,
    ...(dates[0] && { date: dates[0] }),
    ...(money[0] && { amount: money[0] }),
    used: { date: false, amount: false },
    out: [],
    hypothetical: has(s, V.hypotheticalCancel),
    // A list line ("- March 1, 2026: 29.00 USD (paid) <link>") is one payment, nothing else.
    listLine: /^- /.test(s),
  };
  if (has(s, V.signIn)) take(x, { kind: 'sign_in', text: s });
  if (has(s, V.deleted)) take(x, { kind: 'deleted', text: s });
  const listing = has(s, V.listing) || plansIn(s, o).length > 1;
  if (!listing) planClaims(x, o);
  // Access: the negative forms contain the positive ones ("don't have access"), so they go first.
  if (has(s, V.accessNo)) take(x, { kind: 'access', value: false, text: s });
  else if (has(s, V.accessYes)) take(x, { kind: 'access', value: true, text: s });
  if (x.hypothetical)
    take(x, { kind: 'cancel_info', ...(x.date && { date: x.date }), text: s }, { date: true });
  paymentClaims(x);
  chargeAndTrialClaims(x);
  if (!x.hypothetical && !x.listLine) statusClaims(x);
  // Amounts and dates no claim above accounted for must still be in the record (catalogue lists aside).
  if (!listing) {
    if (!x.used.amount) for (const amount of money) x.out.push({ kind: 'amount', amount, text: s });
    if (!x.used.date) for (const date of dates) x.out.push({ kind: 'date', date, text: s });
  }
  return x.out;
}

function planClaims(x: Sentence, o: ReadOptions): void {
  const { s } = x;
  const plans = plansIn(s, o);
  for (const plan of plans) take(x, { kind: 'plan', plan, current: has(s, V.onPlan), text: s });
  if (plans.length === 1 || has(s, V.onPlan)) {
    if (has(s, V.monthly)) take(x, { kind: 'interval', value: 'month', text: s });
    else if (has(s, V.yearly)) take(x, { kind: 'interval', value: 'year', text: s });
  }
}

function paymentClaims(x: Sentence): void {
  const { s, amount, date } = x;
  const values = { ...(amount && { amount }), ...(date && { date }) };
  const payment = (last: boolean) =>
    take(
      x,
      { kind: 'payment', last, outcome: outcomeOf(s), ...values, text: s },
      { date: true, amount: true },
    );
  if (has(s, V.noFailed)) take(x, { kind: 'no_failed', text: s });
  else if (has(s, V.noRefund)) take(x, { kind: 'refund', none: true, partial: false, text: s });
  else if (has(s, V.noPayments)) take(x, { kind: 'no_payments', text: s });
  else if (x.hypothetical)
    return; // "If you cancel ..." describes no payment.
  else if (has(s, V.lastPayment) || x.listLine) payment(has(s, V.lastPayment));
  else if (has(s, V.refundWord) && has(s, V.refunded) && (amount || date))
    take(
      x,
      { kind: 'refund', none: false, partial: has(s, V.partial), ...values, text: s },
      { date: true, amount: true },
    );
  else if (has(s, V.paymentWord) && outcomeOf(s) && !has(s, V.nextCharge)) payment(false);
}

function chargeAndTrialClaims(x: Sentence): void {
  const { s, amount, date } = x;
  if (has(s, V.noNextCharge)) take(x, { kind: 'next_charge', none: true, text: s });
  else if (has(s, V.nextCharge) && !x.hypothetical)
    take(
      x,
      { kind: 'next_charge', none: false, ...(amount && { amount }), ...(date && { date }), text: s },
      { date: true, amount: true },
    );
  if (!has(s, V.trialWord)) return;
  if (has(s, V.noTrial)) take(x, { kind: 'trial', none: true, ended: false, text: s });
  else if (date)
    take(x, { kind: 'trial', none: false, ended: has(s, V.ended), date, text: s }, { date: true });
  if (has(s, V.trialing) && !has(s, V.ended)) take(x, { kind: 'status', value: 'trialing', text: s });
}

function statusClaims(x: Sentence): void {
  const { s, date } = x;
  const status = (value: StatusValue, d?: string) =>
    take(x, { kind: 'status', value, ...(d && { date: d }), text: s }, { date: !!d });
  if (has(s, V.none)) status('none');
  if (has(s, V.incompleteExpired)) status('incomplete_expired');
  else if (has(s, V.incomplete)) status('incomplete');
  if (has(s, V.unpaid)) status('unpaid');
  if (has(s, V.paused)) status('paused');
  if (has(s, V.pastDue)) status('past_due');
  const scheduled =
    has(s, V.scheduledCancel) || (has(s, V.subscriptionEnds) && !has(s, V.trialWord) && !has(s, V.ended));
  if (scheduled && !has(s, V.ended)) status('cancel_scheduled', date);
  else if (has(s, V.canceled) || scheduled) {
    status('canceled');
    if (date && has(s, V.ended)) take(x, { kind: 'ended', date, text: s }, { date: true });
  }
  if (has(s, V.notActive)) status('not_active');
  else if (has(s, V.active)) status('active');
}

function plansIn(s: string, o: ReadOptions): string[] {
  // "5 business days" is not the Business plan.
  const t = s.replace(/business (hours|days?)\b/g, '');
  return o.plans.filter((p) => new RegExp(`\\b(${fold(p.name)}|${fold(p.id)})\\b`).test(t)).map((p) => p.id);
}

/** Claims that say something about the account (everything but "please sign in"). */
export function billingClaims(claims: Claim[]): Claim[] {
  return claims.filter((c) => c.kind !== 'sign_in');
}
