// Generated lifecycles of one customer, for property tests: a checkout (paid or trial) followed by
// random steps that are valid in the state reached (renewals, failures and retries, recovery, unpaid,
// plan changes, scheduled or immediate cancellation, refunds, disputes, e-mail changes, a second
// app user), separated by random gaps that include 0 so that steps share a second.
import fc from 'fast-check';
import type { TestEvent } from './stripe-objects.ts';
import { checkoutPaid } from './stripe-scenarios.ts';
import { DAY, Timeline, type TimelineOptions } from './stripe-timeline.ts';

export const LIFECYCLE_STEPS = [
  'renew',
  'failRenewal',
  'retryFails',
  'recover',
  'markUnpaid',
  'changePlan',
  'cancelAtPeriodEnd',
  'periodEnds',
  'cancelNow',
  'refund',
  'dispute',
  'updateEmail',
  'secondUser',
] as const;
export type LifecycleStep = (typeof LIFECYCLE_STEPS)[number];

export type LifecycleSpec = { trial: boolean; steps: LifecycleStep[]; gaps: number[] };

/** Builds the events of a lifecycle; steps that make no sense in the current state are skipped. */
export function buildLifecycle(spec: LifecycleSpec, o: TimelineOptions = {}): TestEvent[] {
  const tl = spec.trial ? trialCheckout(new Timeline(o)) : checkoutPaid(new Timeline(o));
  const state: StepState = { tl, failingInvoice: null, planChanges: 0, index: 0 };
  spec.steps.forEach((step, i) => {
    tl.wait(spec.gaps[i] ?? 0);
    state.index = i;
    if (tl.sub) STEPS[step](state, tl.sub);
  });
  return tl.events;
}

type StepState = { tl: Timeline; failingInvoice: string | null; planChanges: number; index: number };
type Sub = NonNullable<Timeline['sub']>;

const live = (sub: Sub) => sub.status !== 'canceled';
const owing = (sub: Sub) => sub.status === 'past_due' || sub.status === 'unpaid';
const toPeriodEnd = (tl: Timeline, sub: Sub) => tl.at(Math.max(tl.t, sub.periodEnd));

const STEPS: Record<LifecycleStep, (s: StepState, sub: Sub) => void> = {
  renew({ tl }, sub) {
    if (!live(sub) || owing(sub) || sub.cancelAtPeriodEnd) return;
    toPeriodEnd(tl, sub);
    renewNow(tl, 'paid');
  },
  failRenewal(s, sub) {
    if ((sub.status !== 'active' && sub.status !== 'trialing') || sub.cancelAtPeriodEnd) return;
    toPeriodEnd(s.tl, sub);
    s.failingInvoice = renewNow(s.tl, 'failed');
  },
  retryFails(s, sub) {
    if (!s.failingInvoice || !owing(sub)) return;
    const invoiceId = s.failingInvoice;
    s.tl.payInvoice({ reason: 'subscription_cycle', outcome: 'failed', invoiceId, attempt: s.index + 2 });
  },
  recover(s, sub) {
    if (!s.failingInvoice || !owing(sub)) return;
    const invoiceId = s.failingInvoice;
    s.tl.payInvoice({ reason: 'subscription_cycle', outcome: 'paid', invoiceId, attempt: s.index + 2 });
    s.tl.subEvent('customer.subscription.updated', { status: 'active' }, { status: sub.status });
    s.failingInvoice = null;
  },
  markUnpaid({ tl }, sub) {
    if (sub.status === 'past_due')
      tl.subEvent('customer.subscription.updated', { status: 'unpaid' }, { status: 'past_due' });
  },
  changePlan(s, sub) {
    if (sub.status !== 'active' || sub.cancelAtPeriodEnd) return;
    s.planChanges += 1;
    const { priceId, amount } = s.tl.changePrice(s.planChanges % 2 === 1 ? 'business' : 'starter');
    s.tl.subEvent('customer.subscription.updated', { priceId, amount }, { items: { object: 'list' } });
    s.tl.payInvoice({ reason: 'subscription_update', outcome: 'paid', amount: Math.round(amount / 4) });
  },
  cancelAtPeriodEnd({ tl }, sub) {
    if (!live(sub) || sub.cancelAtPeriodEnd) return;
    tl.subEvent(
      'customer.subscription.updated',
      { cancelAtPeriodEnd: true, cancelAt: sub.periodEnd, canceledAt: tl.t },
      { cancel_at_period_end: false, cancel_at: null, canceled_at: null },
    );
  },
  periodEnds({ tl }, sub) {
    if (!live(sub) || !sub.cancelAtPeriodEnd) return;
    toPeriodEnd(tl, sub);
    tl.subEvent('customer.subscription.deleted', { status: 'canceled', endedAt: tl.t });
  },
  cancelNow({ tl }, sub) {
    if (live(sub))
      tl.subEvent('customer.subscription.deleted', { status: 'canceled', canceledAt: tl.t, endedAt: tl.t });
  },
  refund({ tl }) {
    if (tl.lastCharge) tl.refund();
  },
  dispute({ tl }) {
    if (tl.lastCharge) tl.dispute();
  },
  updateEmail({ tl, index }) {
    tl.customerUpdated({ email: `changed${index}@example.com` }, { email: tl.email });
  },
  secondUser({ tl, index }) {
    tl.customerUpdated({ userId: `user_second_${index}` }, { metadata: {} });
  },
};

function trialCheckout(tl: Timeline): Timeline {
  tl.customerCreated().wait(1);
  tl.newSubscription('trialing', { trialDays: 14 });
  tl.subEvent('customer.subscription.created');
  const invoiceId = tl.payInvoice({ reason: 'subscription_create', outcome: 'paid', amount: 0 });
  tl.checkoutCompleted({ amount: 0, paymentStatus: 'no_payment_required', invoiceId });
  return tl;
}

/** The renewal at the current time: payment, then the subscription moves to the next period. */
function renewNow(tl: Timeline, outcome: 'paid' | 'failed'): string {
  const period = tl.nextPeriod();
  const before = tl.sub?.status;
  const invoiceId = tl.payInvoice({ reason: 'subscription_cycle', outcome });
  const status = outcome === 'paid' ? 'active' : 'past_due';
  const previous = before === status ? { items: { object: 'list' } } : { status: before };
  tl.subEvent('customer.subscription.updated', { ...period, status }, previous);
  return invoiceId;
}

/** fast-check arbitrary of lifecycle specs; gaps mix same-second (0), seconds, hours and days. */
export function lifecycleSpecArbitrary(maxSteps = 10): fc.Arbitrary<LifecycleSpec> {
  const gap = fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 1, max: 48 }).map((h) => h * 3600),
    fc.integer({ min: 1, max: 40 }).map((d) => d * DAY),
  );
  return fc.record({
    trial: fc.boolean(),
    steps: fc.array(fc.constantFrom(...LIFECYCLE_STEPS), { maxLength: maxSteps }),
    gaps: fc.array(gap, { minLength: maxSteps, maxLength: maxSteps }),
  });
}

/** The events in a random arrival order with up to `maxDuplicates` redeliveries mixed in. */
export function deliveryArbitrary<T>(events: readonly T[], maxDuplicates = 8): fc.Arbitrary<T[]> {
  if (events.length === 0) return fc.constant([]);
  return fc.array(fc.constantFrom(...events), { maxLength: maxDuplicates }).chain((dups) => {
    const all = [...events, ...dups];
    return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
  });
}
