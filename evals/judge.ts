// Grades one chat turn against the live state: the expected kind of turn (answer, handoff, sign-in,
// decline), every claim the answer makes checked against the record, and whether the answer says
// anything about what was asked. No expected strings: only the live record decides.
import type { PlanCatalogue } from '../src/billing/plans.ts';
import { billingClaims, type Claim, type Money, type PaymentOutcome, readClaims } from './claims.ts';
import type { ChatTurn } from './client.ts';
import type { Expectation, LiveRecord, LiveState } from './live.ts';
import type { Topic } from './questions.ts';

export type TurnVerdict = {
  pass: boolean;
  expected: Expectation;
  outcome: ChatTurn['outcome'];
  problems: string[];
  claims: Claim[];
};

export type JudgeContext = { catalogue: PlanCatalogue; now: Date };

const RENEWING = new Set(['active', 'trialing', 'past_due']);
const NOT_RENEWING_STATUSES = new Set([
  'canceled',
  'cancel_scheduled',
  'unpaid',
  'none',
  'incomplete',
  'incomplete_expired',
  'paused',
]);

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : null);
const dayOfUnix = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);

export function judgeTurn(
  turn: ChatTurn,
  o: { expected: Expectation; topic?: Topic; live: LiveState; ctx: JudgeContext },
): TurnVerdict {
  const claims = readClaims(turn.text, { plans: o.ctx.catalogue.plans, now: o.ctx.now });
  const billing = billingClaims(claims);
  const problems: string[] = [];
  const said = (c: Claim) => `"${c.text.slice(0, 90)}"`;
  if (turn.outcome === 'error') problems.push(`the turn failed: ${turn.status} ${turn.text.slice(0, 120)}`);
  switch (o.expected) {
    case 'handoff':
      if (turn.outcome !== 'handoff') problems.push(`expected a handoff, got ${turn.outcome}`);
      for (const c of billing)
        problems.push(`a handoff must make no billing claim; said ${c.kind} in ${said(c)}`);
      break;
    case 'sign_in':
      if (turn.outcome !== 'answered') problems.push(`expected "please sign in", got ${turn.outcome}`);
      if (!claims.some((c) => c.kind === 'sign_in')) problems.push('expected to be asked to sign in');
      for (const c of billing) problems.push(`signed out, yet said ${c.kind} in ${said(c)}`);
      break;
    case 'decline':
      for (const c of billing) problems.push(`expected no billing claim, said ${c.kind} in ${said(c)}`);
      break;
    case 'answer': {
      if (turn.outcome !== 'answered')
        problems.push(`expected an answer for a clear state, got ${turn.outcome}`);
      const record = o.live.record;
      if (!record) {
        problems.push('no live record to check the answer against');
        break;
      }
      for (const c of claims) {
        const wrong = checkClaim(c, o.live, record, o.ctx);
        if (wrong) problems.push(`${wrong} in ${said(c)}`);
      }
      if (turn.outcome === 'answered' && o.topic && !answersTopic(o.topic, claims))
        problems.push(`says nothing checkable about ${o.topic}: "${turn.text.slice(0, 120)}"`);
      break;
    }
  }
  return { pass: problems.length === 0, expected: o.expected, outcome: turn.outcome, problems, claims };
}

/** Null when the claim matches the live record, else what is wrong with it. */
export function checkClaim(c: Claim, live: LiveState, r: LiveRecord, ctx: JudgeContext): string | null {
  const sub = r.subscription;
  const status = sub?.status ?? 'none';
  const scheduled = !!sub && status !== 'canceled' && (sub.cancelAtPeriodEnd || !!sub.cancelAt);
  const renewing = !!sub && RENEWING.has(status) && !scheduled;
  const is = (ok: boolean, what: string) => (ok ? null : what);
  switch (c.kind) {
    case 'sign_in':
      return is(!live.signedIn, 'asked a signed-in customer to sign in');
    case 'status':
      return (
        is(statusHolds(c.value, status, scheduled), `claims ${c.value}, live status is ${status}`) ??
        (c.value === 'cancel_scheduled' && c.date
          ? is(c.date === day(sub?.cancelAt ?? sub?.currentPeriodEnd), `cancellation date ${c.date} is wrong`)
          : null)
      );
    case 'access':
      return is(
        c.value === live.access?.hasAccess,
        `claims access ${c.value}, live is ${live.access?.hasAccess}`,
      );
    case 'plan':
      if (!sub || c.plan !== sub.planId)
        return `claims plan ${c.plan}, live plan is ${sub?.planId ?? 'none'}`;
      return c.current
        ? is(
            status !== 'canceled' && status !== 'incomplete_expired',
            `calls ${c.plan} current, but it is ${status}`,
          )
        : null;
    case 'interval':
      return is(
        !!sub && sub.interval === c.value,
        `claims ${c.value}ly billing, live is ${sub?.interval ?? 'none'}`,
      );
    case 'next_charge': {
      if (c.none) return is(!renewing, `says no charge is coming, but the subscription renews (${status})`);
      if (!renewing) return `claims a next charge, but the subscription does not renew (${status})`;
      if (c.date && c.date !== day(sub?.currentPeriodEnd))
        return `next charge date ${c.date}, live period ends ${day(sub?.currentPeriodEnd)}`;
      const price = listPrice(ctx.catalogue, sub?.priceId);
      return c.amount ? moneyIs(c.amount, price, 'next charge amount') : null;
    }
    case 'trial': {
      const end = day(sub?.trialEnd);
      if (c.none) return is(!end, `says there is no trial, live trial ends ${end}`);
      if (c.date !== undefined && c.date !== end) return `trial end ${c.date}, live is ${end ?? 'no trial'}`;
      return c.ended
        ? is(status !== 'trialing', 'says the trial ended, it is still running')
        : is(status === 'trialing', `speaks of a running trial, live status is ${status}`);
    }
    case 'cancel_info':
      if (!RENEWING.has(status)) return `describes a cancellation as still ahead, live status is ${status}`;
      return c.date ? is(c.date === day(sub?.currentPeriodEnd), `period end ${c.date} is wrong`) : null;
    case 'ended':
      return is(
        status === 'canceled' && c.date === day(sub?.endedAt ?? sub?.canceledAt),
        `end date ${c.date} is wrong`,
      );
    case 'payment':
      return paymentHolds(c, r);
    case 'no_payments':
      return is(r.facts.payments.length === 0, 'says there are no payments; there are');
    case 'no_failed':
      return is(
        !r.firstFailedPaymentAt && latestPayments(r).every((p) => p.status !== 'failed'),
        'a payment is failing',
      );
    case 'refund': {
      const refunds = r.facts.payments.filter(
        (p) => p.status === 'refunded' || p.status === 'partially_refunded',
      );
      if (c.none) return is(refunds.length === 0, 'says nothing was refunded; a payment was');
      const match = refunds.some(
        (p) =>
          (!c.amount || p.amount === c.amount.minor) &&
          (!c.date || dayOfUnix(p.v.created) === c.date) &&
          (p.status === 'partially_refunded') === c.partial,
      );
      return is(match, 'no live refund matches');
    }
    case 'deleted':
      return is(r.deleted, 'says the account was deleted');
    case 'amount': {
      const known = new Set([
        ...r.facts.payments.map((p) => p.amount),
        ...ctx.catalogue.plans.flatMap((p) => p.prices.map((x) => x.amount)),
      ]);
      return is(known.has(c.amount.minor), `amount ${c.amount.minor / 100} appears nowhere in the record`);
    }
    case 'date': {
      const known = new Set(
        [
          sub?.currentPeriodEnd,
          sub?.trialEnd,
          sub?.cancelAt,
          sub?.canceledAt,
          sub?.endedAt,
          sub?.statusSince,
          ...r.facts.payments.map((p) => new Date(p.v.created * 1000).toISOString()),
        ].map(day),
      );
      return is(known.has(c.date), `date ${c.date} appears nowhere in the record`);
    }
  }
}

function statusHolds(claimed: string, status: string, scheduled: boolean): boolean {
  switch (claimed) {
    case 'active':
      return status === 'active';
    case 'not_active':
      return status !== 'active' && status !== 'trialing';
    case 'cancel_scheduled':
      return scheduled;
    case 'none':
      return status === 'none';
    default:
      return claimed === status;
  }
}

function listPrice(catalogue: PlanCatalogue, priceId: string | null | undefined): Money | null {
  for (const plan of catalogue.plans)
    for (const p of plan.prices) if (p.priceId === priceId) return { minor: p.amount, currency: p.currency };
  return null;
}

function moneyIs(claimed: Money, live: Money | null, what: string): string | null {
  if (!live) return `${what}: the record has no price to compare with`;
  if (claimed.minor !== live.minor) return `${what} ${claimed.minor / 100}, live is ${live.minor / 100}`;
  if (claimed.currency && live.currency && claimed.currency !== live.currency)
    return `${what} currency ${claimed.currency}, live is ${live.currency}`;
  return null;
}

/** The payments at the newest instant (several events of one payment share a second). */
function latestPayments(r: LiveRecord) {
  const max = Math.max(...r.facts.payments.map((p) => p.v.created));
  return r.facts.payments.filter((p) => p.v.created === max);
}

const OUTCOME_STATUSES: Record<PaymentOutcome, string[]> = {
  succeeded: ['succeeded'],
  failed: ['failed'],
  refunded: ['refunded'],
  partially_refunded: ['partially_refunded'],
  disputed: ['disputed'],
};

function paymentHolds(c: Extract<Claim, { kind: 'payment' }>, r: LiveRecord): string | null {
  const pool = c.last ? latestPayments(r) : r.facts.payments;
  if (pool.length === 0) return 'describes a payment; there is none';
  const match = pool.some(
    (p) =>
      (!c.outcome || OUTCOME_STATUSES[c.outcome].includes(p.status)) &&
      (!c.amount || p.amount === c.amount.minor) &&
      (!c.date || dayOfUnix(p.v.created) === c.date),
  );
  if (match) return null;
  const latest = pool.map((p) => `${p.status} ${p.amount / 100} on ${dayOfUnix(p.v.created)}`).join(', ');
  return `${c.last ? 'last ' : ''}payment ${c.outcome ?? ''} ${c.amount ? c.amount.minor / 100 : ''} ${c.date ?? ''} matches no live payment (${latest})`;
}

const has = (claims: Claim[], kind: Claim['kind']) => claims.some((c) => c.kind === kind);
const statusIn = (claims: Claim[], values: Set<string>) =>
  claims.some((c) => c.kind === 'status' && values.has(c.value));

/** Does the answer say something checkable about what was asked? */
export function answersTopic(topic: Topic, claims: Claim[]): boolean {
  switch (topic) {
    case 'status':
      return has(claims, 'status');
    case 'access':
      return has(claims, 'access');
    case 'paid':
    case 'last_payment':
    case 'invoice':
      return has(claims, 'payment') || has(claims, 'no_payments');
    case 'failed_payment':
      return has(claims, 'payment') || has(claims, 'no_failed') || has(claims, 'no_payments');
    case 'next_charge':
      return has(claims, 'next_charge') || statusIn(claims, NOT_RENEWING_STATUSES);
    case 'trial':
      return has(claims, 'trial') || statusIn(claims, new Set(['none']));
    case 'cancel':
      // A subscription that is not renewing (unpaid, canceled, …) has nothing left to cancel: saying
      // so is the honest answer, as for next_charge. checkClaim still grades the status itself.
      return has(claims, 'cancel_info') || has(claims, 'ended') || statusIn(claims, NOT_RENEWING_STATUSES);
    case 'refund':
      return (
        has(claims, 'refund') ||
        claims.some(
          (c) => c.kind === 'payment' && (c.outcome === 'refunded' || c.outcome === 'partially_refunded'),
        )
      );
    case 'plan':
      return has(claims, 'plan') || statusIn(claims, new Set(['none']));
    case 'change_plan':
      return true;
  }
}
