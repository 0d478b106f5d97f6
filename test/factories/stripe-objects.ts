// Builders for Stripe objects and webhook events in the shapes of the API version stripe@23 pins
// (2026-10-28.endive): invoice subscription under parent.subscription_details, billing periods on
// subscription items, no invoice/charge fields on payment intents. Only the fields a consumer might
// read are filled; everything is plain JSON, ready for JSON.stringify and
// stripe.webhooks.generateTestHeaderString.
import type { StripeEventLike } from '../../src/billing/reduce.ts';

export const TEST_API_VERSION = '2026-10-28.endive';

type Obj = Record<string, unknown>;

export type TestEvent = StripeEventLike & {
  object: 'event';
  api_version: string;
  livemode: boolean;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  data: { object: Obj; previous_attributes?: Obj };
};

export function stripeEvent(
  type: string,
  object: Obj,
  opts: { id: string; created: number; previous?: Obj; livemode?: boolean },
): TestEvent {
  return {
    id: opts.id,
    object: 'event',
    api_version: TEST_API_VERSION,
    created: opts.created,
    data: opts.previous ? { object, previous_attributes: opts.previous } : { object },
    livemode: opts.livemode ?? false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export function customerObject(o: {
  id: string;
  created: number;
  email?: string | null;
  name?: string | null;
  userId?: string | null;
}): Obj {
  return {
    id: o.id,
    object: 'customer',
    balance: 0,
    created: o.created,
    currency: 'usd',
    default_source: null,
    delinquent: false,
    description: null,
    email: o.email ?? null,
    invoice_prefix: o.id.slice(4, 12).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: o.userId ? { userId: o.userId } : {},
    name: o.name ?? null,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export type SubscriptionFields = {
  id: string;
  customerId: string;
  status: string;
  priceId: string;
  interval: 'month' | 'year';
  amount: number;
  currency?: string;
  created: number;
  periodStart: number;
  periodEnd: number;
  cancelAtPeriodEnd?: boolean;
  cancelAt?: number | null;
  canceledAt?: number | null;
  endedAt?: number | null;
  trialStart?: number | null;
  trialEnd?: number | null;
  latestInvoice?: string | null;
};

/** A recurring price as Stripe returns it (on a subscription item, a line item, or GET /v1/prices/:id). */
export function priceObject(s: {
  priceId: string;
  amount: number;
  interval: 'month' | 'year';
  currency?: string;
  created: number;
}): Obj {
  return {
    id: s.priceId,
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created: s.created,
    currency: s.currency ?? 'usd',
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: `prod_${s.priceId.replace(/^price_/, '')}`,
    recurring: {
      interval: s.interval,
      interval_count: 1,
      meter: null,
      usage_type: 'licensed',
      trial_period_days: null,
    },
    tax_behavior: 'unspecified',
    type: 'recurring',
    unit_amount: s.amount,
    unit_amount_decimal: String(s.amount),
  };
}

export function subscriptionObject(s: SubscriptionFields): Obj {
  const currency = s.currency ?? 'usd';
  const price = priceObject({ ...s, currency, created: s.created - 86_400 });
  return {
    id: s.id,
    object: 'subscription',
    application: null,
    billing_cycle_anchor: s.trialEnd ?? s.created,
    billing_mode: { type: 'flexible' },
    cancel_at: s.cancelAt ?? null,
    cancel_at_period_end: s.cancelAtPeriodEnd ?? false,
    canceled_at: s.canceledAt ?? null,
    cancellation_details: {
      comment: null,
      feedback: null,
      reason: s.canceledAt ? 'cancellation_requested' : null,
    },
    collection_method: 'charge_automatically',
    created: s.created,
    currency,
    customer: s.customerId,
    days_until_due: null,
    default_payment_method: `pm_${s.customerId.slice(4)}`,
    discounts: [],
    ended_at: s.endedAt ?? null,
    items: {
      object: 'list',
      data: [
        {
          id: `si_${s.id.slice(4)}`,
          object: 'subscription_item',
          created: s.created,
          current_period_end: s.periodEnd,
          current_period_start: s.periodStart,
          discounts: [],
          metadata: {},
          price,
          quantity: 1,
          subscription: s.id,
          tax_rates: [],
        },
      ],
      has_more: false,
      total_count: 1,
      url: `/v1/subscription_items?subscription=${s.id}`,
    },
    latest_invoice: s.latestInvoice ?? null,
    livemode: false,
    metadata: {},
    pause_collection: null,
    start_date: s.created,
    status: s.status,
    test_clock: null,
    trial_end: s.trialEnd ?? null,
    trial_start: s.trialStart ?? null,
  };
}

export function checkoutSessionObject(s: {
  id: string;
  customerId: string;
  clientReferenceId?: string | null;
  email?: string | null;
  name?: string | null;
  subscriptionId?: string | null;
  invoiceId?: string | null;
  amountTotal: number;
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  created: number;
}): Obj {
  return {
    id: s.id,
    object: 'checkout.session',
    amount_subtotal: s.amountTotal,
    amount_total: s.amountTotal,
    client_reference_id: s.clientReferenceId ?? null,
    created: s.created,
    currency: 'usd',
    customer: s.customerId,
    customer_creation: 'always',
    customer_details: { email: s.email ?? null, name: s.name ?? null, phone: null, tax_exempt: 'none' },
    customer_email: null,
    expires_at: s.created + 86_400,
    invoice: s.invoiceId ?? null,
    livemode: false,
    metadata: {},
    mode: s.subscriptionId ? 'subscription' : 'payment',
    payment_intent: null,
    payment_status: s.paymentStatus,
    status: 'complete',
    subscription: s.subscriptionId ?? null,
    success_url: 'https://app.example.com/billing/success',
    ui_mode: 'hosted',
  };
}
