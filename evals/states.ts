// The account states the eval covers, each built from the lifecycle scenarios of test/factories and
// placed so that its last event lands a day before the eval clock's "now" (so a past_due customer is
// inside the grace period, a trial is running, a scheduled cancellation is still ahead).
import {
  buildLifecycle,
  DAY,
  scenario,
  type TestEvent,
  type Timeline,
  type TimelineOptions,
} from '../test/factories/stripe-events.ts';

export const STATES = [
  'active_monthly',
  'active_annual',
  'trialing',
  'past_due',
  'unpaid',
  'canceled',
  'cancel_at_period_end',
  'incomplete',
  'refunded',
  'disputed',
  'no_subscription',
  'missing',
  'needs_review',
  'anonymous',
] as const;
export type StateId = (typeof STATES)[number];

/** Cases that are not about one account state; each is still scored on its own. */
export const SLICES = ['fresh_change', 'escalation', 'injection'] as const;
export type SliceId = (typeof SLICES)[number];
export type GroupId = StateId | SliceId;
export const GROUPS_IN_ORDER: GroupId[] = [...STATES, ...SLICES];

export const STATE_LABELS: Record<GroupId, string> = {
  active_monthly: 'active (monthly)',
  active_annual: 'active (annual)',
  trialing: 'trialing',
  past_due: 'past_due after a failed renewal',
  unpaid: 'unpaid',
  canceled: 'canceled and ended',
  cancel_at_period_end: 'cancel at period end',
  incomplete: 'first payment failed (incomplete)',
  refunded: 'last payment refunded',
  disputed: 'disputed (needs_review)',
  no_subscription: 'no subscription (linked, never subscribed)',
  missing: 'Stripe customer not linked (missing)',
  needs_review: 'needs_review (conflicting users)',
  anonymous: 'anonymous visitor',
  fresh_change: 'fresh change between turns',
  escalation: 'escalation requests',
  injection: 'injection attempts',
};

/** How a customer is set up: Stripe events to send, and/or a link made through the host API. */
export type Seed = {
  events: TestEvent[];
  link?: { authUserId: string; stripeCustomerId: string; email: string };
};

export type CustomerSpec = {
  /** The auth user the chat token names; null for the anonymous visitor. */
  authUserId: string | null;
  /** The Stripe customer behind the state, when there is one (for the support profile). */
  stripeCustomerId: string | null;
  /** `now` in unix seconds (the eval clock). */
  seed(now: number): Seed;
};

/** Where seeded histories end: a day before now, recent but not the same instant as the questions. */
export const settled = (now: number) => now - DAY;

export const customerIds = (key: string) => ({
  customerId: `cus_eval${key.replaceAll('_', '')}`,
  authUserId: `user_eval_${key}`,
});

/**
 * Builds the events with the last one at `endAt`. A scenario's length depends on its start (months
 * differ), so it is built once to measure and again where it belongs.
 */
export function placeEvents(build: (start: number) => TestEvent[], endAt: number): TestEvent[] {
  let start = endAt;
  for (let i = 0; i < 3; i++) {
    const events = build(start);
    const end = events.at(-1)?.created ?? start;
    if (end === endAt) return events;
    start += endAt - end;
  }
  return build(start);
}

export function placeTimeline(build: (start: number) => Timeline, endAt: number): Timeline {
  let tl = build(endAt);
  for (let i = 0; i < 3; i++) {
    const end = tl.events.at(-1)?.created ?? tl.start;
    if (end === endAt) return tl;
    tl = build(tl.start + endAt - end);
  }
  return tl;
}

function fromScenario(key: string, build: (o: TimelineOptions) => { events: TestEvent[] }): CustomerSpec {
  const { customerId, authUserId } = customerIds(key);
  return {
    authUserId,
    stripeCustomerId: customerId,
    seed: (now) => ({
      events: placeEvents((start) => build({ customerId, authUserId, start }).events, settled(now)),
    }),
  };
}

export const CUSTOMERS: Record<StateId, CustomerSpec> = {
  active_monthly: fromScenario('active_monthly', (o) => scenario.activeMonthly({ ...o, renewals: 1 })),
  active_annual: fromScenario('active_annual', (o) => scenario.activeAnnual(o)),
  trialing: fromScenario('trialing', (o) => ({
    events: buildLifecycle({ trial: true, steps: [], gaps: [] }, o),
  })),
  past_due: fromScenario('past_due', (o) => ({
    events: buildLifecycle({ trial: false, steps: ['failRenewal'], gaps: [0] }, o),
  })),
  unpaid: fromScenario('unpaid', (o) => scenario.renewalFailsThenUnpaid(o)),
  canceled: fromScenario('canceled', (o) => scenario.cancelNow(o)),
  cancel_at_period_end: fromScenario('cancel_at_period_end', (o) =>
    scenario.cancelAtPeriodEnd({ ...o, ended: false }),
  ),
  incomplete: fromScenario('incomplete', (o) => scenario.firstPaymentFails({ ...o, expire: false })),
  refunded: fromScenario('refunded', (o) => scenario.refunded(o)),
  disputed: fromScenario('disputed', (o) => scenario.disputed(o)),
  no_subscription: (() => {
    const { customerId, authUserId } = customerIds('no_subscription');
    return {
      authUserId,
      stripeCustomerId: customerId,
      seed: () => ({
        events: [],
        link: { authUserId, stripeCustomerId: customerId, email: 'nosub@example.com' },
      }),
    };
  })(),
  // Someone paid through a checkout that named no user; the person chatting is signed in, but nothing
  // links their sign-in to that Stripe customer.
  missing: (() => {
    const { customerId, authUserId } = customerIds('missing');
    return {
      authUserId,
      stripeCustomerId: customerId,
      seed: (now) => ({
        events: placeEvents(
          (start) => scenario.unlinkedCheckout({ customerId, authUserId: null, start }).events,
          settled(now),
        ),
      }),
    };
  })(),
  needs_review: fromScenario('needs_review', (o) => scenario.conflictingUsers(o)),
  anonymous: { authUserId: null, stripeCustomerId: null, seed: () => ({ events: [] }) },
};
