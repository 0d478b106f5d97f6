// Customers whose state changes while their conversation is open: seeded like the others, and the
// change's events are built at send time (at the eval clock's now) and sent through the webhook route
// between two turns.
import {
  addMonths,
  checkoutPaid,
  DAY,
  failRenewal,
  type TestEvent,
  Timeline,
} from '../test/factories/stripe-events.ts';
import { customerIds, placeTimeline, type Seed, settled } from './states.ts';

/** A customer whose state changes while the conversation is open: the events of the change are made at send time. */
export type FreshSpec = {
  key: string;
  authUserId: string;
  stripeCustomerId: string;
  /** What changes, in words, for the report. */
  change: string;
  seed(now: number): { seed: Seed; later(now: number): TestEvent[] };
};

function freshFromTimeline(
  key: string,
  change: string,
  build: (tl: Timeline) => Timeline,
  later: (tl: Timeline) => void,
  o: { link?: boolean; endAt?: (now: number) => number } = {},
): FreshSpec {
  const { customerId, authUserId } = customerIds(`fresh_${key}`);
  return {
    key,
    authUserId,
    stripeCustomerId: customerId,
    change,
    seed(now) {
      const endAt = (o.endAt ?? settled)(now);
      const tl = placeTimeline((start) => build(new Timeline({ customerId, authUserId, start })), endAt);
      return {
        seed: {
          events: [...tl.events],
          ...(o.link && { link: { authUserId, stripeCustomerId: customerId, email: tl.email } }),
        },
        later(now) {
          const before = tl.events.length;
          tl.at(Math.max(now, tl.t + 1));
          later(tl);
          return tl.events.slice(before);
        },
      };
    },
  };
}

/** Renewal fails at the end of the first period: past_due, retried in 3 days. */
function failFirstRenewal(tl: Timeline): Timeline {
  failRenewal(tl, 0);
  return tl;
}

export const FRESH: FreshSpec[] = [
  freshFromTimeline(
    'canceled',
    'active -> canceled now (customer.subscription.deleted)',
    checkoutPaid,
    (tl) =>
      tl.subEvent('customer.subscription.deleted', { status: 'canceled', canceledAt: tl.t, endedAt: tl.t }),
  ),
  freshFromTimeline(
    'recovered',
    'past_due -> the retry is paid (invoice.paid, subscription active)',
    (tl) => failFirstRenewal(checkoutPaid(tl)),
    (tl) => {
      const invoiceId = tl.payInvoice({
        reason: 'subscription_cycle',
        outcome: 'paid',
        invoiceId: tl.sub?.latestInvoice ?? undefined,
        attempt: 2,
      });
      tl.subEvent(
        'customer.subscription.updated',
        { status: 'active', latestInvoice: invoiceId },
        { status: 'past_due' },
      );
    },
  ),
  freshFromTimeline('scheduled', 'active -> cancellation scheduled at period end', checkoutPaid, (tl) => {
    const periodEnd = tl.sub?.periodEnd ?? tl.t;
    tl.subEvent(
      'customer.subscription.updated',
      { cancelAtPeriodEnd: true, cancelAt: periodEnd, canceledAt: tl.t },
      { cancel_at_period_end: false, cancel_at: null, canceled_at: null },
    );
  }),
  freshFromTimeline('refund', 'active -> the payment is refunded (charge.refunded)', checkoutPaid, (tl) =>
    tl.refund(),
  ),
  freshFromTimeline(
    'upgrade',
    'Pro -> Business (subscription updated, proration paid)',
    checkoutPaid,
    (tl) => {
      const { priceId, amount } = tl.changePrice('business');
      tl.subEvent('customer.subscription.updated', { priceId, amount }, { items: { object: 'list' } });
      tl.payInvoice({ reason: 'subscription_update', outcome: 'paid', amount: Math.round(amount / 3) });
    },
  ),
  freshFromTimeline(
    'checkout',
    'linked without a subscription -> checkout completes',
    (tl) => tl,
    (tl) => {
      checkoutPaid(tl);
    },
    { link: true },
  ),
  freshFromTimeline('dispute', 'active -> the payment is disputed (needs_review)', checkoutPaid, (tl) =>
    tl.dispute(),
  ),
  freshFromTimeline(
    'renewal_fails',
    'active -> the renewal fails now (past_due)',
    checkoutPaid,
    (tl) => {
      const period = tl.nextPeriod();
      const invoiceId = tl.payInvoice({
        reason: 'subscription_cycle',
        outcome: 'failed',
        attempt: 1,
        nextAttempt: tl.t + 3 * DAY,
      });
      tl.subEvent(
        'customer.subscription.updated',
        { ...period, status: 'past_due', latestInvoice: invoiceId },
        { status: 'active' },
      );
    },
    // The first period ends an hour before now: the failure is what Stripe sends right after it.
    { endAt: (now) => addMonths(now, -1) - 3600 },
  ),
];
