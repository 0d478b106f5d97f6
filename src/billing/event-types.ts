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

/*
 * Ranks put the snapshots of one second in the order Stripe emits them, on one scale for all kinds,
 * because derived state compares across kinds (a payment newer than the subscription snapshot, the
 * facts older than a review trigger):
 *   0-1      customer created, updated
 *   100-199  subscription incomplete      (created before its first payment)
 *   200-299  subscription trialing
 *   300-399  payments: failed < action_required < succeeded < partially_refunded < refunded < disputed
 *   400-999  subscription active < past_due < unpaid < paused < incomplete_expired < canceled
 *   950      checkout.session.completed   (Stripe sends it after the subscription and invoice events)
 *   990      customer deleted
 * Within a status band: created < trial_will_end < updated/resumed < paused < deleted.
 * Lifecycles that cycle (past_due -> active) take hours, so a linear order is safe within a second.
 */
const SUBSCRIPTION_STATUS_BAND: Record<string, number> = {
  incomplete: 100,
  trialing: 200,
  active: 400,
  past_due: 500,
  unpaid: 600,
  paused: 700,
  incomplete_expired: 800,
  canceled: 900,
};

const SUBSCRIPTION_TYPE_RANK: Record<string, number> = {
  'customer.subscription.created': 0,
  'customer.subscription.trial_will_end': 10,
  'customer.subscription.updated': 20,
  'customer.subscription.resumed': 20,
  'customer.subscription.paused': 30,
  'customer.subscription.deleted': 40,
};

const CUSTOMER_RANK: Record<string, number> = {
  'customer.created': 0,
  'customer.updated': 1,
  'customer.deleted': 990,
};

const CHECKOUT_RANK = 950;

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

/** The rank of an event's snapshot (see the scale above). Only compared between events of one second. */
export function rankOf(type: SupportedEventType, object: Record<string, unknown>): number {
  const kind = kindOfEvent(type);
  if (kind === 'subscription') {
    const status = str(asObj(object), 'status') ?? '';
    return (SUBSCRIPTION_STATUS_BAND[status] ?? 900) + (SUBSCRIPTION_TYPE_RANK[type] ?? 0);
  }
  if (kind === 'customer') return CUSTOMER_RANK[type] ?? 1;
  if (kind === 'checkout_session') return CHECKOUT_RANK;
  // Between an invoice and its payment intent in the same second, the invoice comes after: Stripe
  // sends it second, and it carries the subscription and invoice ids the record wants to show.
  const kindRank = kind === 'invoice' ? 1 : 0;
  return 300 + PAYMENT_STATUS_RANK[paymentStatusOf(type, object)] * 10 + kindRank;
}
