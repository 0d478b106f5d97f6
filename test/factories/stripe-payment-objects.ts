// Builders for the payment-side Stripe objects (invoice, payment intent, charge with refunds,
// dispute) in the shapes of 2026-10-28.endive: the invoice names its subscription under
// parent.subscription_details, payment intents carry no invoice field.

type Obj = Record<string, unknown>;

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
