// Lifecycle scenarios of one customer: events in true order plus what the record should say at the
// end. Use them in webhook tests (sign each event and POST it), in property tests (shuffle them) and
// in evals (the account states the agent must describe).

import type { TestEvent } from './stripe-objects.ts';
import { DAY, Timeline, type TimelineOptions } from './stripe-timeline.ts';

export type ScenarioExpectation = {
  /** record.subscription.status at the end (null: no subscription). */
  status: string | null;
  /** access(record, end) right after the last event. */
  hasAccessAtEnd: boolean;
  review: 'ok' | 'needs_review';
  reviewReason?: string;
  planId?: string | null;
};

export type Scenario = {
  name: string;
  customerId: string;
  authUserId: string | null;
  subscriptionId: string;
  email: string;
  /** True order; same-second bursts share `created`. */
  events: TestEvent[];
  start: number;
  /** `created` of the last event. */
  end: number;
  expected: ScenarioExpectation;
};

function done(name: string, tl: Timeline, expected: ScenarioExpectation): Scenario {
  const last = tl.events.at(-1);
  return {
    name,
    customerId: tl.customerId,
    authUserId: tl.authUserId,
    subscriptionId: tl.subscriptionId,
    email: tl.email,
    events: [...tl.events],
    start: tl.events[0]?.created ?? tl.start,
    end: last?.created ?? tl.start,
    expected,
  };
}

/** Checkout for a paid plan: customer, then one second with subscription, payment and session. */
export function checkoutPaid(tl: Timeline): Timeline {
  tl.customerCreated().wait(1);
  tl.newSubscription('incomplete');
  tl.subEvent('customer.subscription.created');
  const invoiceId = tl.payInvoice({ reason: 'subscription_create', outcome: 'paid' });
  tl.subEvent(
    'customer.subscription.updated',
    { status: 'active', latestInvoice: invoiceId },
    { status: 'incomplete' },
  );
  tl.checkoutCompleted({ amount: tl.amount, paymentStatus: 'paid', invoiceId });
  return tl;
}

/** A successful renewal at the end of the current period. */
export function renew(tl: Timeline): Timeline {
  const period = tl.nextPeriod();
  tl.at(period.periodStart ?? tl.t);
  const invoiceId = tl.payInvoice({ reason: 'subscription_cycle', outcome: 'paid' });
  tl.subEvent(
    'customer.subscription.updated',
    { ...period, latestInvoice: invoiceId },
    {
      items: { object: 'list' },
      latest_invoice: 'in_previous',
    },
  );
  return tl;
}

/** The renewal payment fails: past_due, then Stripe retries on days 3 and 8 (if asked to). */
export function failRenewal(tl: Timeline, retries: number): string {
  const period = tl.nextPeriod();
  tl.at(period.periodStart ?? tl.t);
  const invoiceId = tl.payInvoice({
    reason: 'subscription_cycle',
    outcome: 'failed',
    attempt: 1,
    nextAttempt: tl.t + 3 * DAY,
  });
  tl.subEvent(
    'customer.subscription.updated',
    { ...period, status: 'past_due', latestInvoice: invoiceId },
    {
      status: 'active',
    },
  );
  const days = [3, 5];
  for (let i = 0; i < retries; i++) {
    tl.wait((days[i] ?? 7) * DAY);
    tl.payInvoice({ reason: 'subscription_cycle', outcome: 'failed', invoiceId, attempt: i + 2 });
  }
  return invoiceId;
}

type Opts = TimelineOptions;

export const scenario = {
  /** Checkout -> active, optionally renewed `renewals` times. */
  activeMonthly(o: Opts & { renewals?: number } = {}): Scenario {
    const tl = checkoutPaid(new Timeline({ interval: 'month', ...o }));
    for (let i = 0; i < (o.renewals ?? 0); i++) renew(tl);
    return done('activeMonthly', tl, {
      status: 'active',
      hasAccessAtEnd: true,
      review: 'ok',
      planId: o.plan ?? 'pro',
    });
  },

  activeAnnual(o: Opts = {}): Scenario {
    const tl = checkoutPaid(new Timeline({ ...o, interval: 'year' }));
    return done('activeAnnual', tl, {
      status: 'active',
      hasAccessAtEnd: true,
      review: 'ok',
      planId: o.plan ?? 'pro',
    });
  },

  /** Checkout with a trial (no payment), trial_will_end 3 days before, then the first paid invoice. */
  trialToActive(o: Opts & { trialDays?: number } = {}): Scenario {
    const tl = new Timeline(o);
    const trialDays = o.trialDays ?? 14;
    tl.customerCreated().wait(1);
    tl.newSubscription('trialing', { trialDays });
    tl.subEvent('customer.subscription.created');
    const trialInvoice = tl.payInvoice({ reason: 'subscription_create', outcome: 'paid', amount: 0 });
    tl.checkoutCompleted({ amount: 0, paymentStatus: 'no_payment_required', invoiceId: trialInvoice });
    const trialEnd = tl.sub?.trialEnd ?? tl.t;
    tl.at(trialEnd - 3 * DAY).subEvent('customer.subscription.trial_will_end');
    tl.at(trialEnd);
    const period = tl.nextPeriod();
    const invoiceId = tl.payInvoice({ reason: 'subscription_cycle', outcome: 'paid' });
    tl.subEvent(
      'customer.subscription.updated',
      { ...period, status: 'active', latestInvoice: invoiceId },
      {
        status: 'trialing',
      },
    );
    return done('trialToActive', tl, { status: 'active', hasAccessAtEnd: true, review: 'ok' });
  },

  /**
   * A subscription created through the API whose first payment fails: incomplete, then (by default)
   * incomplete_expired 23 hours later. The user is linked through customer metadata (no checkout).
   */
  firstPaymentFails(o: Opts & { expire?: boolean } = {}): Scenario {
    const tl = new Timeline({ link: 'metadata', ...o });
    tl.customerCreated().wait(1);
    tl.newSubscription('incomplete');
    tl.subEvent('customer.subscription.created');
    tl.payInvoice({ reason: 'subscription_create', outcome: 'failed' });
    const expire = o.expire ?? true;
    if (expire)
      tl.wait(23 * 3600).subEvent(
        'customer.subscription.updated',
        { status: 'incomplete_expired' },
        { status: 'incomplete' },
      );
    return done('firstPaymentFails', tl, {
      status: expire ? 'incomplete_expired' : 'incomplete',
      hasAccessAtEnd: false,
      review: 'ok',
    });
  },

  /** Active, the renewal fails (past_due, one retry fails), then a retry succeeds on day 8. */
  renewalFailsThenRecovers(o: Opts = {}): Scenario {
    const tl = checkoutPaid(new Timeline(o));
    const invoiceId = failRenewal(tl, 1);
    tl.wait(5 * DAY);
    tl.payInvoice({ reason: 'subscription_cycle', outcome: 'paid', invoiceId, attempt: 3 });
    tl.subEvent('customer.subscription.updated', { status: 'active' }, { status: 'past_due' });
    return done('renewalFailsThenRecovers', tl, { status: 'active', hasAccessAtEnd: true, review: 'ok' });
  },

  /** Active, the renewal and both retries fail; after the last one Stripe marks it unpaid (day 15). */
  renewalFailsThenUnpaid(o: Opts = {}): Scenario {
    const tl = checkoutPaid(new Timeline(o));
    const invoiceId = failRenewal(tl, 2);
    tl.wait(7 * DAY);
    tl.payInvoice({ reason: 'subscription_cycle', outcome: 'failed', invoiceId, attempt: 4 });
    tl.subEvent('customer.subscription.updated', { status: 'unpaid' }, { status: 'past_due' });
    return done('renewalFailsThenUnpaid', tl, { status: 'unpaid', hasAccessAtEnd: false, review: 'ok' });
  },

  /** As renewalFailsThenUnpaid, but the retry policy cancels the subscription. */
  renewalFailsThenCanceled(o: Opts = {}): Scenario {
    const tl = checkoutPaid(new Timeline(o));
    const invoiceId = failRenewal(tl, 2);
    tl.wait(7 * DAY);
    tl.payInvoice({ reason: 'subscription_cycle', outcome: 'failed', invoiceId, attempt: 4 });
    tl.subEvent('customer.subscription.deleted', { status: 'canceled', canceledAt: tl.t, endedAt: tl.t });
    return done('renewalFailsThenCanceled', tl, { status: 'canceled', hasAccessAtEnd: false, review: 'ok' });
  },

  /** Cancels 10 days in, at period end; by default the period then ends (subscription deleted). */
  cancelAtPeriodEnd(o: Opts & { ended?: boolean } = {}): Scenario {
    const tl = checkoutPaid(new Timeline(o));
    const periodEnd = tl.sub?.periodEnd ?? tl.t;
    tl.wait(10 * DAY).subEvent(
      'customer.subscription.updated',
      { cancelAtPeriodEnd: true, cancelAt: periodEnd, canceledAt: tl.t },
      { cancel_at_period_end: false, cancel_at: null, canceled_at: null },
    );
    const ended = o.ended ?? true;
    if (ended)
      tl.at(periodEnd).subEvent('customer.subscription.deleted', { status: 'canceled', endedAt: periodEnd });
    return done('cancelAtPeriodEnd', tl, {
      status: ended ? 'canceled' : 'active',
      hasAccessAtEnd: !ended,
      review: 'ok',
    });
  },

  /** Canceled immediately 10 days in. */
  cancelNow(o: Opts = {}): Scenario {
    const tl = checkoutPaid(new Timeline(o));
    tl.wait(10 * DAY).subEvent('customer.subscription.deleted', {
      status: 'canceled',
      canceledAt: tl.t,
      endedAt: tl.t,
    });
    return done('cancelNow', tl, { status: 'canceled', hasAccessAtEnd: false, review: 'ok' });
  },

  /** The first payment is refunded in full 2 days in (the subscription stays; access follows it). */
  refunded(o: Opts = {}): Scenario {
    const tl = checkoutPaid(new Timeline(o));
    tl.wait(2 * DAY).refund();
    return done('refunded', tl, { status: 'active', hasAccessAtEnd: true, review: 'ok' });
  },

  /**
   * The first payment is disputed 20 days in: needs_review, access frozen (still granted).
   * Note: a dispute names no customer; route it to the customer's record yourself.
   */
  disputed(o: Opts = {}): Scenario {
    const tl = checkoutPaid(new Timeline(o));
    tl.wait(20 * DAY).dispute();
    return done('disputed', tl, {
      status: 'active',
      hasAccessAtEnd: true,
      review: 'needs_review',
      reviewReason: 'payment_disputed',
    });
  },

  /** Upgrades pro -> business (by default) 10 days in, with a proration invoice. */
  planUpgrade(o: Opts & { toPlan?: string } = {}): Scenario {
    const tl = checkoutPaid(new Timeline(o));
    const toPlan = o.toPlan ?? 'business';
    const { priceId, amount } = tl.changePrice(toPlan);
    tl.wait(10 * DAY);
    tl.subEvent('customer.subscription.updated', { priceId, amount }, { items: { object: 'list' } });
    tl.payInvoice({ reason: 'subscription_update', outcome: 'paid', amount: Math.round(amount / 3) });
    return done('planUpgrade', tl, { status: 'active', hasAccessAtEnd: true, review: 'ok', planId: toPlan });
  },

  /** Checkout links user A; an hour later the customer's metadata names user B. */
  conflictingUsers(o: Opts & { otherAuthUserId?: string } = {}): Scenario {
    const tl = checkoutPaid(new Timeline({ ...o, link: 'checkout' }));
    const other = o.otherAuthUserId ?? 'user_other';
    tl.wait(3600).customerUpdated({ userId: other }, { metadata: {} });
    return done('conflictingUsers', tl, {
      status: 'active',
      hasAccessAtEnd: true,
      review: 'needs_review',
      reviewReason: 'conflicting_auth_user',
    });
  },

  /** Checkout without client_reference_id and no metadata: nobody is linked. */
  unlinkedCheckout(o: Opts = {}): Scenario {
    const tl = checkoutPaid(new Timeline({ ...o, authUserId: null }));
    return done('unlinkedCheckout', tl, {
      status: 'active',
      hasAccessAtEnd: true,
      review: 'needs_review',
      reviewReason: 'missing_link',
    });
  },
};

export type ScenarioName = keyof typeof scenario;
export const SCENARIO_NAMES = Object.keys(scenario) as ScenarioName[];

/** Every scenario for one customer id (handy for tables of tests and eval cases). */
export function allScenarios(o: Opts = {}): Scenario[] {
  return SCENARIO_NAMES.map((name) => scenario[name](o));
}
