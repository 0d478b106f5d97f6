// The events behind the demo's buttons. Each reads the customer's canonical record for the current
// subscription and payments, so the demo keeps no second copy of the state; an action that makes no
// sense in the current state is an expected outcome (`ok: false` with the reason), not an error.
import type { PlanCatalogue } from '../billing/plans.ts';
import { priceEntry } from '../billing/plans.ts';
import type { BillingRecord } from '../billing/record.ts';
import { cancelNow, invoicePayment, renewalFails } from './demo-events.ts';
import {
  customerObject,
  type DemoCustomer,
  type DemoEvent,
  type DemoSubscription,
  event,
  randomId,
  refundedChargeObject,
  subscriptionObject,
} from './demo-stripe.ts';

export const ACTIONS = [
  'renewal_fails',
  'card_updated_invoice_paid',
  'cancel_at_period_end',
  'cancel_now',
  'refund',
] as const;
export type Action = (typeof ACTIONS)[number];

export type ActionResult = { ok: true; events: DemoEvent[] } | { ok: false; reason: string };

const LIVE = new Set(['active', 'trialing', 'past_due', 'unpaid']);

/** The Stripe-side subscription as the record last saw it (its latest snapshot). */
function currentSubscription(r: BillingRecord, catalogue: PlanCatalogue): DemoSubscription | null {
  const view = r.subscription;
  const facts = r.facts.subscriptions.find((s) => s.id === view?.id);
  const e = facts?.entries.at(-1);
  if (!view || !e?.priceId || e.currentPeriodStart === null || e.currentPeriodEnd === null) return null;
  const price = priceEntry(catalogue, e.priceId)?.price;
  return {
    id: view.id,
    customerId: r.stripeCustomerId,
    status: e.status,
    priceId: e.priceId,
    interval: e.interval === 'year' ? 'year' : 'month',
    amount: price?.amount ?? 0,
    currency: price?.currency ?? 'usd',
    created: e.created ?? e.currentPeriodStart,
    periodStart: e.currentPeriodStart,
    periodEnd: e.currentPeriodEnd,
    cancelAtPeriodEnd: e.cancelAtPeriodEnd,
    cancelAt: e.cancelAt,
    canceledAt: e.canceledAt,
    endedAt: e.endedAt,
    trialStart: e.trialStart,
    trialEnd: e.trialEnd,
    latestInvoice: null,
  };
}

function currentCustomer(r: BillingRecord): DemoCustomer {
  return {
    id: r.stripeCustomerId,
    email: r.email ?? 'demo@example.com',
    name: r.name ?? 'Demo customer',
    created: 0,
    userId: r.facts.customer?.userId ?? null,
    paymentMethod: randomId('pm_demo', 4),
  };
}

/**
 * The events of `action` for this record at `now` (unix seconds). Event times never go back past
 * what the record has seen, so each button's events are newer than the state they change.
 */
export function actionEvents(
  action: Action,
  r: BillingRecord,
  catalogue: PlanCatalogue,
  now: number,
): ActionResult {
  const at = Math.max(now, (r.facts.maxCreated ?? 0) + 1);
  const sub = currentSubscription(r, catalogue);
  const customer = currentCustomer(r);
  const status = r.subscription?.status;
  switch (action) {
    case 'renewal_fails':
      if (!sub || (status !== 'active' && status !== 'trialing'))
        return { ok: false, reason: 'Only an active or trialing subscription can fail to renew.' };
      return { ok: true, events: renewalFails(sub, customer, at) };
    case 'card_updated_invoice_paid':
      return payFailedInvoice(r, sub, customer, at);
    case 'cancel_at_period_end': {
      if (!sub || !status || !LIVE.has(status) || sub.cancelAtPeriodEnd)
        return { ok: false, reason: 'There is no running subscription left to cancel at period end.' };
      const previous = { cancel_at_period_end: false, cancel_at: null, canceled_at: null };
      Object.assign(sub, { cancelAtPeriodEnd: true, cancelAt: sub.periodEnd, canceledAt: at });
      return {
        ok: true,
        events: [event('customer.subscription.updated', subscriptionObject(sub), at, previous)],
      };
    }
    case 'cancel_now':
      if (!sub || !status || !LIVE.has(status))
        return { ok: false, reason: 'There is no running subscription to cancel.' };
      return { ok: true, events: cancelNow(sub, at) };
    case 'refund':
      return refundLastPayment(r, at);
  }
}

function payFailedInvoice(
  r: BillingRecord,
  sub: DemoSubscription | null,
  customer: DemoCustomer,
  at: number,
): ActionResult {
  const failed = r.lastPayment;
  if (!sub || failed?.status !== 'failed' || !failed.invoiceId)
    return { ok: false, reason: 'There is no failed invoice to pay; press "Renewal fails" first.' };
  const old = customer.paymentMethod;
  customer.paymentMethod = randomId('pm_demo', 4);
  const out: DemoEvent[] = [
    event('customer.updated', customerObject(customer), at, {
      invoice_settings: { default_payment_method: old },
    }),
    ...invoicePayment(sub, customer, failed.invoiceId, {
      paid: true,
      amount: failed.amount || sub.amount,
      at,
      attempt: 2,
      reason: 'subscription_cycle',
    }),
  ];
  if (sub.status === 'past_due' || sub.status === 'unpaid') {
    const previous = { status: sub.status };
    Object.assign(sub, { status: 'active', latestInvoice: failed.invoiceId });
    out.push(event('customer.subscription.updated', subscriptionObject(sub), at, previous));
  }
  return { ok: true, events: out };
}

function refundLastPayment(r: BillingRecord, at: number): ActionResult {
  const refunded = new Set(
    r.facts.payments.filter((p) => p.status === 'refunded' && p.chargeId).map((p) => p.chargeId),
  );
  const charge = r.facts.payments
    .filter((p) => p.status === 'succeeded' && p.chargeId && p.amount > 0 && !refunded.has(p.chargeId))
    .at(-1);
  if (!charge?.chargeId) return { ok: false, reason: 'There is no payment left to refund.' };
  const object = refundedChargeObject({
    id: charge.chargeId,
    customerId: r.stripeCustomerId,
    paymentIntentId: charge.paymentIntentId,
    amount: charge.amount,
    currency: charge.currency ?? 'usd',
    created: at,
  });
  return {
    ok: true,
    events: [event('charge.refunded', object, at, { amount_refunded: 0, refunded: false })],
  };
}
