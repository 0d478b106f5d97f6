// The demo's Stripe: builds the webhook events that put a new demo customer into a starting state
// (a persona), in the order and same-second bursts Stripe sends them. The buttons' events are in
// demo-actions.ts.
import type { PlanCatalogue } from '../billing/plans.ts';
import {
  checkoutSessionObject,
  customerObject,
  type DemoCustomer,
  type DemoEvent,
  type DemoSubscription,
  event,
  invoiceObject,
  paymentIntentObject,
  randomId,
  subscriptionObject,
} from './demo-stripe.ts';

const DAY = 86_400;

export const PERSONAS = ['active', 'trialing', 'past_due', 'canceled', 'needs_review'] as const;
export type Persona = (typeof PERSONAS)[number];

export type DemoIdentity = { customerId: string; authUserId: string; suffix: string };

/** Demo customers are recognisable by id, so the demo can never touch (or mint tokens for) real ones. */
export const DEMO_CUSTOMER_ID = /^cus_demo_([a-f0-9]{16})$/;

export function newDemoIdentity(): DemoIdentity {
  const suffix = randomId('x').slice(2);
  return { customerId: `cus_demo_${suffix}`, authUserId: demoAuthUserId(suffix), suffix };
}

export function demoAuthUserId(suffix: string): string {
  return `demo_user_${suffix}`;
}

export function addMonths(unix: number, months: number): number {
  const d = new Date(unix * 1000);
  d.setUTCMonth(d.getUTCMonth() + months);
  return Math.floor(d.getTime() / 1000);
}

export function demoPrice(catalogue: PlanCatalogue) {
  const plan = catalogue.plans.find((p) => p.id === 'pro') ?? catalogue.plans[0];
  const price = plan?.prices.find((p) => p.interval === 'month') ?? plan?.prices[0];
  if (!price) throw new Error('the plan catalogue has no price');
  return price;
}

/** The events of a persona, in Stripe's order, all before `now` (unix seconds). */
export function personaEvents(
  persona: Persona,
  who: DemoIdentity,
  catalogue: PlanCatalogue,
  now: number,
): DemoEvent[] {
  const start = now - { active: 10, trialing: 5, past_due: 33, canceled: 20, needs_review: 5 }[persona] * DAY;
  const price = demoPrice(catalogue);
  const customer: DemoCustomer = {
    id: who.customerId,
    email: `demo+${who.suffix.slice(0, 8)}@example.com`,
    name: `Demo customer (${persona.replace('_', ' ')})`,
    created: start,
    userId: null,
    paymentMethod: `pm_demo_${who.suffix.slice(0, 8)}`,
  };
  const trial = persona === 'trialing';
  const t = start + 1;
  const sub: DemoSubscription = {
    id: `sub_demo_${who.suffix}`,
    customerId: customer.id,
    status: trial ? 'trialing' : 'incomplete',
    priceId: price.priceId,
    interval: price.interval,
    amount: price.amount,
    currency: price.currency,
    created: t,
    periodStart: t,
    periodEnd: trial ? t + 14 * DAY : addMonths(t, price.interval === 'year' ? 12 : 1),
    cancelAtPeriodEnd: false,
    cancelAt: null,
    canceledAt: null,
    endedAt: null,
    trialStart: trial ? t : null,
    trialEnd: trial ? t + 14 * DAY : null,
    latestInvoice: null,
  };
  const out: DemoEvent[] = [event('customer.created', customerObject(customer), start)];
  out.push(event('customer.subscription.created', subscriptionObject(sub), t));
  const firstInvoice = randomId('in_demo');
  const amount = trial ? 0 : price.amount;
  out.push(
    ...invoicePayment(sub, customer, firstInvoice, {
      paid: true,
      amount,
      at: t,
      attempt: 1,
      reason: 'subscription_create',
    }),
  );
  sub.latestInvoice = firstInvoice;
  if (!trial) {
    sub.status = 'active';
    out.push(event('customer.subscription.updated', subscriptionObject(sub), t, { status: 'incomplete' }));
  }
  const session = { customer, sub, invoiceId: firstInvoice, amount, created: t };
  out.push(
    event(
      'checkout.session.completed',
      checkoutSessionObject({ ...session, clientReferenceId: who.authUserId }),
      t,
    ),
  );
  if (persona === 'past_due') out.push(...renewalFails(sub, customer, sub.periodEnd));
  if (persona === 'canceled') out.push(...cancelNow(sub, now - 2 * DAY));
  if (persona === 'needs_review') {
    // A second app user claims the customer: the record cannot tell whose it is, so a person must.
    const claimed = { ...customer, userId: `demo_other_${who.suffix}` };
    out.push(event('customer.updated', customerObject(claimed), t + 3600, { metadata: {} }));
  }
  return out;
}

export function invoicePayment(
  sub: DemoSubscription,
  customer: DemoCustomer,
  invoiceId: string,
  o: {
    paid: boolean;
    amount: number;
    at: number;
    attempt: number;
    reason: 'subscription_create' | 'subscription_cycle';
    nextAttempt?: number | null;
  },
): DemoEvent[] {
  const out: DemoEvent[] = [];
  if (o.amount > 0) {
    const pi = paymentIntentObject({
      id: `pi_${invoiceId.slice(3)}`,
      customerId: customer.id,
      amount: o.amount,
      currency: sub.currency,
      succeeded: o.paid,
      chargeId: `ch_${invoiceId.slice(3)}_${o.attempt}`,
      created: o.at,
    });
    out.push(event(o.paid ? 'payment_intent.succeeded' : 'payment_intent.payment_failed', pi, o.at));
  }
  const invoice = invoiceObject({
    id: invoiceId,
    sub,
    paid: o.paid,
    amount: o.amount,
    reason: o.reason,
    created: o.at,
    attempt: o.attempt,
    nextAttempt: o.nextAttempt ?? null,
    email: customer.email,
  });
  out.push(event(o.paid ? 'invoice.paid' : 'invoice.payment_failed', invoice, o.at));
  return out;
}

/** The next period starts at `at` and its payment fails: past_due, with a retry in 3 days. */
export function renewalFails(sub: DemoSubscription, customer: DemoCustomer, at: number): DemoEvent[] {
  const previous = { status: sub.status };
  sub.periodStart = at;
  sub.periodEnd = addMonths(at, sub.interval === 'year' ? 12 : 1);
  const invoiceId = randomId('in_demo');
  const out = invoicePayment(sub, customer, invoiceId, {
    paid: false,
    amount: sub.amount,
    at,
    attempt: 1,
    reason: 'subscription_cycle',
    nextAttempt: at + 3 * DAY,
  });
  Object.assign(sub, { status: 'past_due', latestInvoice: invoiceId });
  out.push(event('customer.subscription.updated', subscriptionObject(sub), at, previous));
  return out;
}

export function cancelNow(sub: DemoSubscription, at: number): DemoEvent[] {
  Object.assign(sub, { status: 'canceled', canceledAt: at, endedAt: at });
  return [event('customer.subscription.deleted', subscriptionObject(sub), at)];
}
