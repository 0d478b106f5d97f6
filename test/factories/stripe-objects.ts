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

export function subscriptionObject(s: SubscriptionFields): Obj {
  const currency = s.currency ?? 'usd';
  const price = {
    id: s.priceId,
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created: s.created - 86_400,
    currency,
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

export type InvoiceFields = {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  status: 'open' | 'paid' | 'void' | 'uncollectible';
  amountDue: number;
  amountPaid: number;
  currency?: string;
  billingReason: 'subscription_create' | 'subscription_cycle' | 'subscription_update' | 'manual';
  created: number;
  paidAt?: number | null;
  attemptCount?: number;
  nextPaymentAttempt?: number | null;
  periodStart: number;
  periodEnd: number;
  email?: string | null;
  priceId?: string;
};

export function invoiceObject(i: InvoiceFields): Obj {
  const currency = i.currency ?? 'usd';
  return {
    id: i.id,
    object: 'invoice',
    account_country: 'US',
    amount_due: i.amountDue,
    amount_paid: i.amountPaid,
    amount_remaining: i.amountDue - i.amountPaid,
    attempt_count: i.attemptCount ?? 1,
    attempted: true,
    billing_reason: i.billingReason,
    collection_method: 'charge_automatically',
    created: i.created,
    currency,
    customer: i.customerId,
    customer_email: i.email ?? null,
    hosted_invoice_url: `https://invoice.stripe.com/i/acct_test/${i.id}`,
    lines: {
      object: 'list',
      data: [
        {
          id: `il_${i.id.slice(3)}`,
          object: 'line_item',
          amount: i.amountDue,
          currency,
          invoice: i.id,
          parent: i.subscriptionId
            ? {
                type: 'subscription_item_details',
                subscription_item_details: {
                  invoice_item: null,
                  proration: false,
                  subscription: i.subscriptionId,
                  subscription_item: `si_${i.subscriptionId.slice(4)}`,
                },
              }
            : null,
          period: { start: i.periodStart, end: i.periodEnd },
          pricing: i.priceId ? { type: 'price_details', price_details: { price: i.priceId } } : null,
          quantity: 1,
        },
      ],
      has_more: false,
      total_count: 1,
    },
    livemode: false,
    metadata: {},
    next_payment_attempt: i.nextPaymentAttempt ?? null,
    number: `${i.id.slice(3, 11).toUpperCase()}-0001`,
    parent: i.subscriptionId
      ? {
          type: 'subscription_details',
          quote_details: null,
          subscription_details: { metadata: {}, subscription: i.subscriptionId },
        }
      : null,
    period_end: i.periodEnd,
    period_start: i.periodStart,
    status: i.status,
    status_transitions: {
      finalized_at: i.created,
      marked_uncollectible_at: null,
      paid_at: i.paidAt ?? null,
      voided_at: null,
    },
    subtotal: i.amountDue,
    total: i.amountDue,
  };
}

export function paymentIntentObject(p: {
  id: string;
  customerId: string;
  amount: number;
  currency?: string;
  status: 'succeeded' | 'requires_payment_method' | 'requires_action';
  created: number;
  chargeId?: string | null;
  declineCode?: string;
}): Obj {
  const failed = p.status !== 'succeeded';
  return {
    id: p.id,
    object: 'payment_intent',
    amount: p.amount,
    amount_received: failed ? 0 : p.amount,
    capture_method: 'automatic',
    created: p.created,
    currency: p.currency ?? 'usd',
    customer: p.customerId,
    last_payment_error:
      p.status === 'requires_payment_method'
        ? {
            type: 'card_error',
            code: 'card_declined',
            decline_code: p.declineCode ?? 'insufficient_funds',
            message: 'Your card has insufficient funds.',
          }
        : null,
    latest_charge: p.chargeId ?? null,
    livemode: false,
    metadata: {},
    payment_method: `pm_${p.customerId.slice(4)}`,
    payment_method_types: ['card'],
    status: p.status,
  };
}

export function chargeObject(c: {
  id: string;
  customerId: string;
  paymentIntentId: string;
  amount: number;
  amountRefunded?: number;
  currency?: string;
  created: number;
  refundCreated?: number;
  disputed?: boolean;
}): Obj {
  const refunded = c.amountRefunded ?? 0;
  const refunds =
    refunded > 0
      ? [
          {
            id: `re_${c.id.slice(3)}`,
            object: 'refund',
            amount: refunded,
            charge: c.id,
            created: c.refundCreated ?? c.created,
            currency: c.currency ?? 'usd',
            payment_intent: c.paymentIntentId,
            reason: 'requested_by_customer',
            status: 'succeeded',
          },
        ]
      : [];
  return {
    id: c.id,
    object: 'charge',
    amount: c.amount,
    amount_captured: c.amount,
    amount_refunded: refunded,
    captured: true,
    created: c.created,
    currency: c.currency ?? 'usd',
    customer: c.customerId,
    disputed: c.disputed ?? false,
    livemode: false,
    paid: true,
    payment_intent: c.paymentIntentId,
    refunded: refunded >= c.amount,
    refunds: { object: 'list', data: refunds, has_more: false, total_count: refunds.length },
    status: 'succeeded',
  };
}

export function disputeObject(d: {
  id: string;
  chargeId: string;
  paymentIntentId: string;
  amount: number;
  currency?: string;
  created: number;
  reason?: string;
}): Obj {
  return {
    id: d.id,
    object: 'dispute',
    amount: d.amount,
    balance_transactions: [],
    charge: d.chargeId,
    created: d.created,
    currency: d.currency ?? 'usd',
    evidence_details: {
      due_by: d.created + 14 * 86_400,
      has_evidence: false,
      past_due: false,
      submission_count: 0,
    },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: d.paymentIntentId,
    reason: d.reason ?? 'fraudulent',
    status: 'needs_response',
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
