// The event types the reducer understands, which object kind each one snapshots, and the lifecycle
// rank of its snapshot (the same-second tie-breaker; see the rule at the top of reduce.ts).
import type { ObjectKind, PaymentStatus } from './record.ts';
import { asObj, str } from './stripe-shapes.ts';

/** The parts of a Stripe webhook event the reducer reads (a verified `Stripe.Event` fits). */
export type StripeEventLike = {
  id: string;
  type: string;
  /** Unix seconds. */
  created: number;
  livemode?: boolean;
  api_version?: string | null;
  data: { object: Record<string, unknown> | object; previous_attributes?: Record<string, unknown> | object };
};

export const SUPPORTED_EVENT_TYPES = [
  'checkout.session.completed',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'customer.subscription.trial_will_end',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.payment_action_required',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'charge.refunded',
  'charge.dispute.created',
] as const;
export type SupportedEventType = (typeof SUPPORTED_EVENT_TYPES)[number];

const SUPPORTED = new Set<string>(SUPPORTED_EVENT_TYPES);

export function isSupportedEventType(type: string): type is SupportedEventType {
  return SUPPORTED.has(type);
}

export function kindOfEvent(type: SupportedEventType): ObjectKind {
  if (type === 'checkout.session.completed') return 'checkout_session';
  if (type.startsWith('customer.subscription.')) return 'subscription';
  if (type.startsWith('customer.')) return 'customer';
  if (type.startsWith('invoice.')) return 'invoice';
  if (type.startsWith('payment_intent.')) return 'payment_intent';
  if (type === 'charge.dispute.created') return 'dispute';
  return 'charge';
}

/**
 * Subscription statuses in the order Stripe moves through them within a moment: a subscription is
 * created incomplete or trialing, becomes active on payment, past_due on a failed renewal, and ends.
 * Cycles (past_due -> active) take hours, not the same second, so a linear rank is a safe tie-breaker.
 */
const SUBSCRIPTION_STATUS_RANK: Record<string, number> = {
  incomplete: 0,
  trialing: 1,
  active: 2,
  past_due: 3,
  unpaid: 4,
  paused: 5,
  incomplete_expired: 6,
  canceled: 7,
};

const SUBSCRIPTION_TYPE_RANK: Record<string, number> = {
  'customer.subscription.created': 0,
  'customer.subscription.trial_will_end': 1,
  'customer.subscription.updated': 2,
  'customer.subscription.resumed': 2,
  'customer.subscription.paused': 3,
  'customer.subscription.deleted': 4,
};

const CUSTOMER_TYPE_RANK: Record<string, number> = {
  'customer.created': 0,
  'customer.updated': 1,
  'customer.deleted': 2,
};

/** A payment moves failed -> needs action -> succeeded -> refunded -> disputed, never back within a second. */
export const PAYMENT_STATUS_RANK: Record<PaymentStatus, number> = {
  failed: 0,
  action_required: 1,
  succeeded: 2,
  partially_refunded: 3,
  refunded: 4,
  disputed: 5,
};

export function paymentStatusOf(type: SupportedEventType, object: Record<string, unknown>): PaymentStatus {
  switch (type) {
    case 'invoice.payment_failed':
    case 'payment_intent.payment_failed':
      return 'failed';
    case 'invoice.payment_action_required':
      return 'action_required';
    case 'charge.refunded': {
      const amount = Number(object.amount ?? 0);
      const refunded = Number(object.amount_refunded ?? 0);
      return object.refunded === true || (amount > 0 && refunded >= amount)
        ? 'refunded'
        : 'partially_refunded';
    }
    case 'charge.dispute.created':
      return 'disputed';
    default:
      return 'succeeded';
  }
}

/** The lifecycle rank of an event's snapshot. Only compared between events of the same second. */
export function rankOf(type: SupportedEventType, object: Record<string, unknown>): number {
  const kind = kindOfEvent(type);
  if (kind === 'subscription') {
    const status = str(asObj(object), 'status') ?? '';
    return (SUBSCRIPTION_STATUS_RANK[status] ?? 8) * 10 + (SUBSCRIPTION_TYPE_RANK[type] ?? 0);
  }
  if (kind === 'customer') return CUSTOMER_TYPE_RANK[type] ?? 0;
  if (kind === 'checkout_session') return 0;
  // Between an invoice and its payment intent in the same second, the invoice snapshot wins: it
  // carries the subscription and invoice ids the record wants to show.
  const kindRank = kind === 'invoice' ? 1 : 0;
  return PAYMENT_STATUS_RANK[paymentStatusOf(type, object)] * 10 + kindRank;
}
