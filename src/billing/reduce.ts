// reduce(record, event) -> { record, effects, outcome }: the pure heart of billing. No I/O, no clock;
// the only time it knows is the events' `created`.
//
// ORDERING RULE. Every snapshot an event carries gets a version (event.created, rank, event.id),
// compared in that order:
//   1. `created` (unix seconds): the later event's snapshot wins.
//   2. same second: `rank`, the place of the snapshot in the order Stripe emits one moment's events,
//      on one scale for all kinds (event-types.ts): customer created/updated < subscription
//      incomplete < trialing < payments (failed < action_required < succeeded < refunded < disputed;
//      an invoice after its payment intent) < subscription active < past_due < unpaid < paused <
//      incomplete_expired < canceled < checkout.session.completed < customer deleted.
//   3. same second and rank: the greater event id (plain code-unit comparison). Arbitrary, but a
//      property of the two events, never of their arrival order.
// Per object (each subscription, the customer, each payment object) the greatest version is the
// current snapshot, so an older snapshot never overwrites a newer one, whatever the arrival order.
// Per kind, `watermarks` reports the greatest version applied.
//
// ORDER INDEPENDENCE. The reducer merges the event into `facts` with joins only (last-writer-wins by
// version, min, max, union; see facts-merge.ts) and recomputes every other field from the facts
// (derive.ts). Any permutation of an event set, with any duplicates, therefore yields the same record;
// a duplicate event id changes nothing and returns outcome 'stale'. Only the *effects* of a step
// depend on what was known at that step, and their keys are deterministic (effects.ts).
//
// OUTCOMES. 'ignored': unsupported type, or another customer's event (record returned as given; do not
// persist). 'stale': nothing changed (a duplicate, or an older snapshot that added nothing); safe to
// skip the write. 'needs_review': the event opened a review issue. 'applied': anything else.
import type { DeriveContext } from './derive.ts';
import { deriveRecord } from './derive.ts';
import type { Effect } from './effects.ts';
import { planEffects } from './effects-plan.ts';
import { isSupportedEventType, type StripeEventLike } from './event-types.ts';
import { mergeEvent, objectOf } from './facts-merge.ts';
import { jsonEqual } from './json-equal.ts';
import { type BillingRecord, emptyRecord } from './record.ts';
import { idOf, readDispute } from './stripe-shapes.ts';

export { type StripeEventLike, SUPPORTED_EVENT_TYPES } from './event-types.ts';

export type ReduceContext = DeriveContext;
export type ReduceOutcome = 'applied' | 'stale' | 'ignored' | 'needs_review';
export type ReduceResult = { record: BillingRecord; effects: Effect[]; outcome: ReduceOutcome };

export function reduce(
  record: BillingRecord | null,
  event: StripeEventLike,
  ctx: ReduceContext,
): ReduceResult {
  const customerId = customerIdOf(event);
  const base = record ?? emptyRecord(customerId ?? '');
  const ignored: ReduceResult = { record: base, effects: [], outcome: 'ignored' };
  // A dispute names no customer; the caller may still route it here after looking up its charge.
  if (!customerId && !record) return ignored;
  if (customerId && customerId !== base.stripeCustomerId) return ignored;
  const facts = mergeEvent(base.facts, event);
  if (!facts) return ignored;
  const next = deriveRecord(base, facts, ctx);
  return finish(base, next, event, ctx.graceDays);
}

/** Shared by reduce and the operator actions (operator.ts). */
export function finish(
  prev: BillingRecord,
  next: BillingRecord,
  event: StripeEventLike | null,
  graceDays: number,
): ReduceResult {
  if (jsonEqual(prev, next)) return { record: prev, effects: [], outcome: 'stale' };
  const effects = planEffects(prev, next, event, graceDays);
  const before = new Set(prev.review.issues.map((i) => i.key));
  const opened = next.review.issues.some((i) => !before.has(i.key));
  return { record: next, effects, outcome: opened ? 'needs_review' : 'applied' };
}

/**
 * The Stripe customer an event belongs to, or null for unsupported types and events that name no
 * customer (a dispute names one only when its charge is expanded).
 */
export function customerIdOf(event: StripeEventLike): string | null {
  if (!isSupportedEventType(event.type)) return null;
  const o = objectOf(event);
  if (event.type === 'charge.dispute.created') return readDispute(o).customerId;
  if (event.type.startsWith('customer.') && !event.type.startsWith('customer.subscription.'))
    return idOf(o.id);
  return idOf(o.customer);
}

/** Ids a caller can use to find the customer of an event that names none (disputes). */
export function paymentRefsOf(event: StripeEventLike): {
  chargeId: string | null;
  paymentIntentId: string | null;
} {
  const o = objectOf(event);
  if (event.type.startsWith('charge.dispute.')) {
    const d = readDispute(o);
    return { chargeId: d.chargeId, paymentIntentId: d.paymentIntentId };
  }
  return { chargeId: idOf(o.charge) ?? idOf(o.latest_charge), paymentIntentId: idOf(o.payment_intent) };
}
