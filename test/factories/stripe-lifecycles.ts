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
  let failingInvoice: string | null = null;
  let plans = 0;
  spec.steps.forEach((step, i) => {
    tl.wait(spec.gaps[i] ?? 0);
    const sub = tl.sub;
    if (!sub) return;
    const live = sub.status !== 'canceled';
    const periodEnd = () => tl.at(Math.max(tl.t, sub.periodEnd));
    switch (step) {
      case 'renew':
        if (!live || sub.status === 'past_due' || sub.status === 'unpaid' || sub.cancelAtPeriodEnd) return;
        periodEnd();
        renewNow(tl, 'paid');
        return;
      case 'failRenewal':
        if (sub.status !== 'active' && sub.status !== 'trialing') return;
        if (sub.cancelAtPeriodEnd) return;
        periodEnd();
        failingInvoice = renewNow(tl, 'failed');
        return;
      case 'retryFails':
        if (!failingInvoice || (sub.status !== 'past_due' && sub.status !== 'unpaid')) return;
        tl.payInvoice({
          reason: 'subscription_cycle',
          outcome: 'failed',
          invoiceId: failingInvoice,
          attempt: i + 2,
        });
        return;
      case 'recover':
        if (!failingInvoice || (sub.status !== 'past_due' && sub.status !== 'unpaid')) return;
        tl.payInvoice({
          reason: 'subscription_cycle',
          outcome: 'paid',
          invoiceId: failingInvoice,
          attempt: i + 2,
        });
        tl.subEvent('customer.subscription.updated', { status: 'active' }, { status: sub.status });
        failingInvoice = null;
        return;
      case 'markUnpaid':
        if (sub.status !== 'past_due') return;
        tl.subEvent('customer.subscription.updated', { status: 'unpaid' }, { status: 'past_due' });
        return;
      case 'changePlan': {
        if (sub.status !== 'active' || sub.cancelAtPeriodEnd) return;
        plans += 1;
        const { priceId, amount } = tl.changePrice(plans % 2 === 1 ? 'business' : 'starter');
        tl.subEvent('customer.subscription.updated', { priceId, amount }, { items: { object: 'list' } });
        tl.payInvoice({ reason: 'subscription_update', outcome: 'paid', amount: Math.round(amount / 4) });
        return;
      }
      case 'cancelAtPeriodEnd':
        if (!live || sub.cancelAtPeriodEnd) return;
        tl.subEvent(
          'customer.subscription.updated',
          { cancelAtPeriodEnd: true, cancelAt: sub.periodEnd, canceledAt: tl.t },
          { cancel_at_period_end: false, cancel_at: null, canceled_at: null },
        );
        return;
      case 'periodEnds':
        if (!live || !sub.cancelAtPeriodEnd) return;
        periodEnd();
        tl.subEvent('customer.subscription.deleted', { status: 'canceled', endedAt: tl.t });
        return;
      case 'cancelNow':
        if (!live) return;
        tl.subEvent('customer.subscription.deleted', { status: 'canceled', canceledAt: tl.t, endedAt: tl.t });
        return;
      case 'refund':
        if (tl.lastCharge) tl.refund();
        return;
      case 'dispute':
        if (tl.lastCharge) tl.dispute();
        return;
      case 'updateEmail':
        tl.customerUpdated({ email: `changed${i}@example.com` }, { email: tl.email });
        return;
      case 'secondUser':
        tl.customerUpdated({ userId: `user_second_${i}` }, { metadata: {} });
        return;
    }
  });
  return tl.events;
}

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
