// One verified Stripe event -> one transaction: event row, reduced record, outbox rows; or nothing.
import { eq, sql } from 'drizzle-orm';
import { lockRecord, saveRecord } from '../billing/ingest-store.ts';
import { customerIdOf, paymentRefsOf, reduce, type StripeEventLike } from '../billing/reduce.ts';
import type { DbOrTx } from '../db/client.ts';
import { customers, stripeEvents } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { enqueueEffects } from '../jobs/enqueue.ts';

export type IngestOutcome = 'applied' | 'duplicate' | 'ignored' | 'stale' | 'needs_review';
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
    const stripeCustomerId = customerIdOf(event) ?? (await customerOfPayment(tx, event));
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
        outcome: 'received',
      })
      .onConflictDoNothing({ target: stripeEvents.id })
      .returning({ id: stripeEvents.id });
    if (inserted.length === 0) {
      await countDuplicate(tx, event.id);
      return { outcome: 'duplicate', eventId: event.id, stripeCustomerId, effects: 0 };
    }
    if (!stripeCustomerId) {
      await setOutcome(tx, event.id, 'ignored');
      return { outcome: 'ignored', eventId: event.id, stripeCustomerId, effects: 0 };
    }
    const { record } = await lockRecord(tx, stripeCustomerId);
    const result = reduce(record, event, {
      catalogue: deps.config.PLAN_CATALOGUE,
      graceDays: deps.config.PAST_DUE_GRACE_DAYS,
    });
    if (result.outcome !== 'ignored' && result.outcome !== 'stale') await saveRecord(tx, result.record);
    const effects = await enqueueEffects(tx, result.effects, ackedAt);
    await setOutcome(tx, event.id, result.outcome);
    return { outcome: result.outcome, eventId: event.id, stripeCustomerId, effects };
  });
}

async function setOutcome(tx: DbOrTx, id: string, outcome: string): Promise<void> {
  await tx.update(stripeEvents).set({ outcome }).where(eq(stripeEvents.id, id));
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
  if (event.type !== 'charge.dispute.created') return null;
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
