// Everything in the record that is not a fact is computed here from the facts, on every change.
// Nothing is carried over from the previous record except the operator's decisions and the fields
// other modules own (crmContactId, supportThreadId), so no derived value can depend on the order in
// which the facts arrived.
import { accessAt } from './access.ts';
import { type PlanCatalogue, planForPrice } from './plans.ts';
import type {
  AccessDecision,
  BillingRecord,
  Facts,
  LastPayment,
  PaymentEntry,
  Review,
  SubscriptionEntry,
  SubscriptionView,
} from './record.ts';
import { openIssues } from './review.ts';
import { compareVersions, toIso, type Version } from './version.ts';

export type DeriveContext = { catalogue: PlanCatalogue; graceDays: number };
export type RecordInputs = Pick<
  BillingRecord,
  'stripeCustomerId' | 'crmContactId' | 'supportThreadId' | 'operator'
>;

export function deriveRecord(inputs: RecordInputs, facts: Facts, ctx: DeriveContext): BillingRecord {
  const authUserId = inputs.operator.authUserId ?? earliestClaim(facts)?.authUserId ?? null;
  const now = viewAt(facts, null, ctx.catalogue);
  const asOf = maxOf(facts.maxCreated, inputs.operator.at);
  const issues = openIssues(facts, authUserId, inputs.operator.resolvedIssues);
  let review: Review = { state: 'ok', reason: null, since: null, issues: [], confirmedAccess: null };
  let access: AccessDecision = accessAt(now, asOf ?? 0, ctx.graceDays);
  const first = issues[0];
  if (first) {
    // The last access confirmed before the first open issue: computed from the facts older than it.
    const confirmed = accessAt(
      viewAt(facts, first.trigger, ctx.catalogue),
      first.trigger.created,
      ctx.graceDays,
    );
    const since = toIso(first.trigger.created);
    review = {
      state: 'needs_review',
      reason: first.reason,
      since,
      issues: issues.map((i) => ({ key: i.key, reason: i.reason, since: toIso(i.trigger.created) })),
      confirmedAccess: confirmed,
    };
    access = { hasAccess: confirmed.hasAccess, reason: 'needs_review', since };
  }
  return {
    schemaVersion: 1,
    stripeCustomerId: inputs.stripeCustomerId,
    authUserId,
    crmContactId: inputs.crmContactId,
    email: facts.customer?.email ?? facts.contact?.email ?? null,
    name: facts.customer?.name ?? facts.contact?.name ?? null,
    deleted: now.deleted,
    livemode: facts.livemode,
    subscription: now.subscription,
    lastPayment: lastPaymentOf(facts.payments),
    firstFailedPaymentAt: now.firstFailedPaymentAt,
    access,
    supportThreadId: inputs.supportThreadId,
    review,
    watermarks: facts.watermarks,
    asOf: toIso(asOf),
    operator: inputs.operator,
    facts,
  };
}

export function earliestClaim(facts: Facts) {
  let best = facts.claims[0];
  for (const c of facts.claims) if (best && compareVersions(c.v, best.v) < 0) best = c;
  return best ?? null;
}

type View = { deleted: boolean; subscription: SubscriptionView | null; firstFailedPaymentAt: string | null };

/** The access-relevant view of the facts older than `cutoff` (all facts when null). */
export function viewAt(facts: Facts, cutoff: Version | null, catalogue: PlanCatalogue): View {
  const payments = olderThan(facts.payments, cutoff);
  let best: { view: SubscriptionView; score: [number, number, string] } | null = null;
  for (const sub of facts.subscriptions) {
    const entries = olderThan(sub.entries, cutoff);
    const latest = entries.at(-1);
    if (!latest) continue;
    const view = subscriptionView(sub.id, entries, latest, payments, catalogue);
    const score: [number, number, string] = [STATUS_CLASS[view.status] ?? 0, latest.created ?? 0, sub.id];
    if (!best || compareScore(score, best.score) > 0) best = { view, score };
  }
  const deleted = facts.deleted !== null && (!cutoff || compareVersions(facts.deleted, cutoff) < 0);
  const streak = streakStart(payments);
  return {
    deleted,
    subscription: best?.view ?? null,
    firstFailedPaymentAt: toIso(streak?.v.created ?? null),
  };
}

/**
 * The entries older than `cutoff`, or all of them. A module function, not a closure in viewAt: tsx
 * compiles with esbuild's keepNames, which names every named closure through a defineProperty call
 * each time it is created, and that showed in bench:webhooks CPU profiles.
 */
function olderThan<T extends { v: Version }>(list: T[], cutoff: Version | null): T[] {
  return cutoff ? list.filter((x) => compareVersions(x.v, cutoff) < 0) : list;
}

/**
 * Which subscription is "the" subscription when a customer has several: one that grants access
 * beats one that might, which beats an ended one; then the newest.
 */
const STATUS_CLASS: Record<string, number> = {
  active: 3,
  trialing: 3,
  past_due: 2,
  unpaid: 1,
  paused: 1,
  incomplete: 1,
};

function compareScore(a: [number, number, string], b: [number, number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

function subscriptionView(
  id: string,
  entries: SubscriptionEntry[],
  latest: SubscriptionEntry,
  payments: PaymentEntry[],
  catalogue: PlanCatalogue,
): SubscriptionView {
  const effective = effectiveStatus(id, latest, payments);
  const plan = planForPrice(catalogue, latest.priceId);
  return {
    id,
    status: effective.status,
    stripeStatus: latest.status,
    statusSince: toIso(effective.since ?? statusSince(entries, latest)),
    priceId: latest.priceId,
    planId: plan?.id ?? null,
    planName: plan?.name ?? null,
    interval: latest.interval ?? plan?.prices.find((p) => p.priceId === latest.priceId)?.interval ?? null,
    currentPeriodEnd: toIso(latest.currentPeriodEnd),
    cancelAtPeriodEnd: latest.cancelAtPeriodEnd,
    cancelAt: toIso(latest.cancelAt),
    canceledAt: toIso(latest.canceledAt),
    endedAt: toIso(latest.endedAt),
    trialEnd: toIso(latest.trialEnd),
  };
}

/**
 * Stripe's status, corrected by invoice payments newer than the snapshot: a failed renewal reads
 * past_due even if the subscription update saying so has not arrived (a failed renewal is never
 * reported as active), and a payment after it reads active again. The next snapshot takes over.
 */
function effectiveStatus(
  id: string,
  latest: SubscriptionEntry,
  payments: PaymentEntry[],
): { status: string; since: number | null } {
  const later = payments.filter(
    (p) => p.streak !== null && p.subscriptionId === id && compareVersions(p.v, latest.v) > 0,
  );
  const last = later.at(-1);
  if (!last) return { status: latest.status, since: null };
  if (last.streak === 'failure' && (latest.status === 'active' || latest.status === 'trialing')) {
    return { status: 'past_due', since: streakStart(later)?.v.created ?? last.v.created };
  }
  if (last.streak === 'success' && ['past_due', 'unpaid', 'incomplete'].includes(latest.status)) {
    return { status: 'active', since: last.v.created };
  }
  // A trial ends with its first paid invoice ($0 trial invoices do not count).
  if (last.streak === 'success' && latest.status === 'trialing' && last.amount > 0) {
    return { status: 'active', since: last.v.created };
  }
  return { status: latest.status, since: null };
}

/** When the current status began: the latest status change, else the start of the run of it we hold. */
function statusSince(entries: SubscriptionEntry[], latest: SubscriptionEntry): number {
  const changes = entries.filter((e) => e.statusChange);
  const lastChange = changes.at(-1);
  if (lastChange && lastChange.status === latest.status) return lastChange.v.created;
  let since = latest.v.created;
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (!e || e.status !== latest.status) break;
    since = e.v.created;
  }
  return since;
}

/** The first failed invoice payment after the last paid one (payments are in version order). */
function streakStart(payments: PaymentEntry[]): PaymentEntry | null {
  let start: PaymentEntry | null = null;
  for (const p of payments) {
    if (p.streak === 'success') start = null;
    else if (p.streak === 'failure' && !start) start = p;
  }
  return start;
}

function lastPaymentOf(payments: PaymentEntry[]): LastPayment | null {
  const p = payments.at(-1);
  if (!p) return null;
  return {
    status: p.status,
    amount: p.amount,
    currency: p.currency,
    at: toIso(p.v.created),
    invoiceId: p.invoiceId,
    paymentIntentId: p.paymentIntentId,
    chargeId: p.chargeId,
    failureReason: p.failureReason,
  };
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
