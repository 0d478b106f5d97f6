// The Stripe objects the demo sends, in the shapes of the API version stripe@23 pins
// (2026-10-28.endive). Only what a webhook consumer reads is filled. This is product code for the
// demo page; the richer builders in test/factories are for tests and are not imported from src.
import { randomBytes } from 'node:crypto';

export const DEMO_API_VERSION = '2026-10-28.endive';

type Obj = Record<string, unknown>;

export type DemoEvent = {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
  data: { object: Obj; previous_attributes?: Obj };
};

export function randomId(prefix: string, bytes = 8): string {
  return `${prefix}_${randomBytes(bytes).toString('hex')}`;
}

export function event(type: string, object: Obj, created: number, previous?: Obj): DemoEvent {
  return {
    id: randomId('evt_demo', 12),
    object: 'event',
    api_version: DEMO_API_VERSION,
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: previous ? { object, previous_attributes: previous } : { object },
  };
}

export type DemoCustomer = {
  id: string;
  email: string;
  name: string;
  created: number;
  /** metadata.userId (one way host apps link their user); null when linked through checkout. */
  userId: string | null;
  paymentMethod: string;
};

export function customerObject(c: DemoCustomer): Obj {
  return {
    id: c.id,
    object: 'customer',
    created: c.created,
    email: c.email,
    name: c.name,
    livemode: false,
    metadata: c.userId ? { userId: c.userId } : {},
    invoice_settings: { default_payment_method: c.paymentMethod },
  };
}

export type DemoSubscription = {
  id: string;
  customerId: string;
  status: string;
  priceId: string;
  interval: 'month' | 'year';
  amount: number;
  currency: string;
  created: number;
  periodStart: number;
  periodEnd: number;
  cancelAtPeriodEnd: boolean;
  cancelAt: number | null;
  canceledAt: number | null;
  endedAt: number | null;
  trialStart: number | null;
  trialEnd: number | null;
  latestInvoice: string | null;
};

export function subscriptionObject(s: DemoSubscription): Obj {
  return {
    id: s.id,
    object: 'subscription',
    cancel_at: s.cancelAt,
    cancel_at_period_end: s.cancelAtPeriodEnd,
    canceled_at: s.canceledAt,
    created: s.created,
    currency: s.currency,
    customer: s.customerId,
    ended_at: s.endedAt,
    items: {
      object: 'list',
      data: [
        {
          id: `si_${s.id.slice(4)}`,
          object: 'subscription_item',
          current_period_start: s.periodStart,
          current_period_end: s.periodEnd,
          price: {
            id: s.priceId,
            object: 'price',
            currency: s.currency,
            recurring: { interval: s.interval, interval_count: 1 },
            unit_amount: s.amount,
          },
          quantity: 1,
        },
      ],
    },
    latest_invoice: s.latestInvoice,
    livemode: false,
    metadata: {},
    status: s.status,
    trial_end: s.trialEnd,
    trial_start: s.trialStart,
  };
}

export function invoiceObject(i: {
  id: string;
  sub: DemoSubscription;
  paid: boolean;
  amount: number;
  reason: 'subscription_create' | 'subscription_cycle';
  created: number;
  attempt: number;
  nextAttempt: number | null;
  email: string;
}): Obj {
  return {
    id: i.id,
    object: 'invoice',
    amount_due: i.amount,
    amount_paid: i.paid ? i.amount : 0,
    amount_remaining: i.paid ? 0 : i.amount,
    attempt_count: i.attempt,
    billing_reason: i.reason,
    created: i.created,
    currency: i.sub.currency,
    customer: i.sub.customerId,
    customer_email: i.email,
    hosted_invoice_url: `https://invoice.stripe.com/i/acct_demo/${i.id}`,
    livemode: false,
    next_payment_attempt: i.nextAttempt,
    parent: {
      type: 'subscription_details',
      subscription_details: { metadata: {}, subscription: i.sub.id },
    },
    period_start: i.sub.periodStart,
    period_end: i.sub.periodEnd,
    status: i.paid ? 'paid' : 'open',
    status_transitions: { finalized_at: i.created, paid_at: i.paid ? i.created : null },
    total: i.amount,
  };
}

export function paymentIntentObject(p: {
  id: string;
  customerId: string;
  amount: number;
  currency: string;
  succeeded: boolean;
  chargeId: string;
  created: number;
}): Obj {
  return {
    id: p.id,
    object: 'payment_intent',
    amount: p.amount,
    amount_received: p.succeeded ? p.amount : 0,
    created: p.created,
    currency: p.currency,
    customer: p.customerId,
    last_payment_error: p.succeeded
      ? null
      : {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          message: 'Your card has insufficient funds.',
        },
    latest_charge: p.chargeId,
    livemode: false,
    status: p.succeeded ? 'succeeded' : 'requires_payment_method',
  };
}

export function refundedChargeObject(c: {
  id: string;
  customerId: string;
  paymentIntentId: string | null;
  amount: number;
  currency: string;
  created: number;
}): Obj {
  return {
    id: c.id,
    object: 'charge',
    amount: c.amount,
    amount_captured: c.amount,
    amount_refunded: c.amount,
    created: c.created,
    currency: c.currency,
    customer: c.customerId,
    livemode: false,
    paid: true,
    payment_intent: c.paymentIntentId,
    refunded: true,
    refunds: {
      object: 'list',
      data: [
        {
          id: `re_${c.id.slice(3)}`,
          object: 'refund',
          amount: c.amount,
          charge: c.id,
          created: c.created,
          currency: c.currency,
          reason: 'requested_by_customer',
          status: 'succeeded',
        },
      ],
    },
    status: 'succeeded',
  };
}

export function checkoutSessionObject(s: {
  customer: DemoCustomer;
  clientReferenceId: string | null;
  sub: DemoSubscription;
  invoiceId: string;
  amount: number;
  created: number;
}): Obj {
  return {
    id: `cs_test_${s.customer.id.slice(4)}`,
    object: 'checkout.session',
    amount_total: s.amount,
    client_reference_id: s.clientReferenceId,
    created: s.created,
    currency: s.sub.currency,
    customer: s.customer.id,
    customer_details: { email: s.customer.email, name: s.customer.name },
    invoice: s.invoiceId,
    livemode: false,
    mode: 'subscription',
    payment_status: s.amount > 0 ? 'paid' : 'no_payment_required',
    status: 'complete',
    subscription: s.sub.id,
  };
}
