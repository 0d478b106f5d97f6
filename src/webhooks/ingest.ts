// One verified Stripe event -> one transaction: event row, reduced record, outbox rows; or nothing.
import { eq, sql } from 'drizzle-orm';
import { lockRecord } from '../billing/ingest-store.ts';
import { customerIdOf, paymentRefsOf, reduce, type StripeEventLike } from '../billing/reduce.ts';
import type { DbOrTx } from '../db/client.ts';
import { customers, stripeEvents } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { writeIngest } from './ingest-write.ts';

/** `deferred`: a dispute whose charge no record has seen yet; applied when that payment arrives. */
export type IngestOutcome = 'applied' | 'duplicate' | 'ignored' | 'stale' | 'needs_review' | 'deferred';
export type IngestResult = {
  outcome: IngestOutcome;
  eventId: string;
  stripeCustomerId: string | null;
  effects: number;
};
export type IngestSource = 'webhook' | 'replay' | 'reconcile';

type IngestDeps = Pick<Deps, 'db' | 'config' | 'clock'>;

export async function ingestEvent(
  deps: IngestDeps,
  event: StripeEventLike,
  source: IngestSource = 'webhook',
): Promise<IngestResult> {
  const ackedAt = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await lockPaymentRefs(tx, event);
    const stripeCustomerId = customerIdOf(event) ?? (await customerOfPayment(tx, event));
    const result = { eventId: event.id, stripeCustomerId, effects: 0 };
    if (!stripeCustomerId) {
      const outcome = isDispute(event) ? 'deferred' : 'ignored';
      if (!(await insertEvent(tx, event, source, stripeCustomerId, outcome)))
        return { ...result, outcome: 'duplicate' };
      return { ...result, outcome };
    }
    const ctx = { catalogue: deps.config.PLAN_CATALOGUE, graceDays: deps.config.PAST_DUE_GRACE_DAYS };
    const { record } = await lockRecord(tx, stripeCustomerId);
    const reduced = reduce(record, event, ctx);
    let current = reduced.record;
    const effects = [...reduced.effects];
    let changed = reduced.outcome !== 'ignored' && reduced.outcome !== 'stale';
    // Disputes that arrived before this payment (delivery order is not guaranteed) apply now.
    const deferred = await deferredDisputesFor(tx, event);
    for (const dispute of deferred) {
      const applied = reduce(current, dispute.event, ctx);
      current = applied.record;
      effects.push(...applied.effects);
      changed ||= applied.outcome !== 'ignored' && applied.outcome !== 'stale';
      dispute.outcome = applied.outcome;
    }
    // One statement stores the event with its outcome (the primary key doubles as the duplicate
    // check), the record and the outbox rows; a duplicate writes nothing else.
    const written = await writeIngest(tx, {
      event,
      source,
      stripeCustomerId,
      outcome: reduced.outcome,
      record: changed ? current : null,
      effects,
      ackedAt,
    });
    if (!written.inserted) {
      await countDuplicate(tx, event.id);
      // Deferred disputes were only read (and locked); roll nothing forward for a duplicate.
      return { ...result, outcome: 'duplicate' };
    }
    for (const dispute of deferred) {
      await tx
        .update(stripeEvents)
        .set({ outcome: dispute.outcome, stripeCustomerId })
        .where(eq(stripeEvents.id, dispute.event.id));
    }
    return { ...result, outcome: reduced.outcome, effects: written.queued };
  });
}

/** Stores the event; false when its id is already stored (and counts that duplicate). */
async function insertEvent(
  tx: DbOrTx,
  event: StripeEventLike,
  source: IngestSource,
  stripeCustomerId: string | null,
  outcome: string,
): Promise<boolean> {
  const inserted = await tx
    .insert(stripeEvents)
    .values({
      id: event.id,
      type: event.type,
      created: new Date(event.created * 1000),
      livemode: event.livemode ?? false,
      apiVersion: event.api_version ?? null,
      stripeCustomerId,
      payload: event,
      source,
      outcome,
    })
    .onConflictDoNothing({ target: stripeEvents.id })
    .returning({ id: stripeEvents.id });
  if (inserted.length > 0) return true;
  await countDuplicate(tx, event.id);
  return false;
}

async function countDuplicate(tx: DbOrTx, id: string): Promise<void> {
  await tx
    .update(stripeEvents)
    .set({ duplicateCount: sql`${stripeEvents.duplicateCount} + 1`, lastDuplicateAt: sql`now()` })
    .where(eq(stripeEvents.id, id));
}

/**
 * A dispute names a charge, not a customer: find the customer whose record has seen that charge or
 * payment intent. Unknown -> null (stored as ignored; reconcile or a later event fills it in).
 */
async function customerOfPayment(tx: DbOrTx, event: StripeEventLike): Promise<string | null> {
  if (!isDispute(event)) return null;
  const refs = paymentRefsOf(event);
  const probes = [
    refs.chargeId && [{ chargeId: refs.chargeId }],
    refs.paymentIntentId && [{ paymentIntentId: refs.paymentIntentId }],
  ].filter((p): p is { chargeId: string }[] | { paymentIntentId: string }[] => Boolean(p));
  for (const probe of probes) {
    const [row] = await tx
      .select({ id: customers.stripeCustomerId })
      .from(customers)
      .where(sql`${customers.record}->'facts'->'payments' @> ${JSON.stringify(probe)}::jsonb`)
      .limit(1);
    if (row) return row.id;
  }
  return null;
}

function isDispute(event: StripeEventLike): boolean {
  return event.type === 'charge.dispute.created';
}

async function deferredDisputesFor(
  tx: DbOrTx,
  event: StripeEventLike,
): Promise<{ event: StripeEventLike; outcome: string }[]> {
  if (isDispute(event)) return [];
  const refs = paymentRefsOf(event);
  if (!refs.chargeId && !refs.paymentIntentId) return [];
  const obj = sql`${stripeEvents.payload}->'data'->'object'`;
  const rows = await tx
    .select({ payload: stripeEvents.payload })
    .from(stripeEvents)
    .where(
      sql`${stripeEvents.outcome} = 'deferred' and (${obj}->>'charge' = ${refs.chargeId ?? ''} or ${obj}->>'payment_intent' = ${refs.paymentIntentId ?? ''})`,
    )
    .orderBy(stripeEvents.created, stripeEvents.id)
    .for('update');
  return rows.map((r) => ({ event: r.payload as StripeEventLike, outcome: 'deferred' }));
}

/**
 * A dispute and the payment it names may arrive at the same moment on two connections: without a
 * common lock each could miss the other (the dispute finds no payment yet, the payment finds no
 * deferred dispute yet). Both take transaction-scoped advisory locks on the payment's ids, in sorted
 * order and before any row lock, so one always sees the other's commit.
 */
async function lockPaymentRefs(tx: DbOrTx, event: StripeEventLike): Promise<void> {
  const refs = paymentRefsOf(event);
  const keys = [refs.chargeId, refs.paymentIntentId].filter((k): k is string => Boolean(k)).sort();
  for (const key of keys) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 7))`);
}
