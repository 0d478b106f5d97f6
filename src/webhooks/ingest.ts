// One verified Stripe event -> one transaction: event row, reduced record, outbox rows; or nothing.
// This is the careful path (row locks, one event at a time). The webhook route first tries the batch
// fast path (ingest-batch.ts) and falls back here whenever that path cannot prove its write safe;
// replay and reconcile use this path directly.
import { eq, sql } from 'drizzle-orm';
import { lockRecord } from '../billing/ingest-store.ts';
import { newPaymentRefs } from '../billing/payment-refs.ts';
import type { BillingRecord } from '../billing/record.ts';
import { customerIdOf, paymentRefsOf, reduce, type StripeEventLike } from '../billing/reduce.ts';
import { type DbOrTx, rowsOf } from '../db/client.ts';
import { stripeEvents } from '../db/schema/index.ts';
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
    const stripeCustomerId =
      customerIdOf(event) ?? (isDispute(event) ? await claimForDispute(tx, event) : null);
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
    // Disputes that arrived before a payment this record now sees for the first time (delivery order
    // is not guaranteed) apply now; applying one can add refs of its own, hence the loop.
    const applied: { event: StripeEventLike; outcome: string }[] = [];
    const claimed: string[] = [];
    let seen: BillingRecord = record;
    for (let round = 0; round < 4; round++) {
      const refs = newPaymentRefs(seen, current);
      if (refs.length === 0) break;
      seen = current;
      const waiting = await claimRefs(tx, stripeCustomerId, refs);
      claimed.push(...waiting.refs);
      for (const dispute of waiting.disputes) {
        const step = reduce(current, dispute, ctx);
        current = step.record;
        effects.push(...step.effects);
        changed ||= step.outcome !== 'ignored' && step.outcome !== 'stale';
        applied.push({ event: dispute, outcome: step.outcome });
      }
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
      return { ...result, outcome: 'duplicate' };
    }
    for (const dispute of applied) {
      await tx
        .update(stripeEvents)
        .set({ outcome: dispute.outcome, stripeCustomerId })
        .where(eq(stripeEvents.id, dispute.event.id));
    }
    if (claimed.length > 0)
      await tx.execute(
        sql`update payment_refs set deferred = '{}' where ref = any(array(select jsonb_array_elements_text(${JSON.stringify(claimed)}::jsonb)))`,
      );
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

function isDispute(event: StripeEventLike): boolean {
  return event.type === 'charge.dispute.created';
}

/**
 * A dispute names a charge, not a customer. Upserting its refs' rows either finds the customer a
 * record has already registered for that charge, or leaves the dispute waiting on them (stored
 * `deferred`). Whoever upserts a ref second waits for the first to commit and then sees its row, so
 * a dispute and its payment arriving together on two connections or processes always meet.
 */
async function claimForDispute(tx: DbOrTx, event: StripeEventLike): Promise<string | null> {
  const { chargeId, paymentIntentId } = paymentRefsOf(event);
  const refs = [chargeId, paymentIntentId].filter((r): r is string => Boolean(r)).sort();
  if (refs.length === 0) return null;
  const rows = rowsOf<{ stripe_customer_id: string | null }>(
    await tx.execute(sql`
      insert into payment_refs (ref, deferred)
      select r, array[${event.id}]::text[] from jsonb_array_elements_text(${JSON.stringify(refs)}::jsonb) r order by r
      on conflict (ref) do update set deferred = case
        when payment_refs.stripe_customer_id is null and not (${event.id} = any(payment_refs.deferred))
        then payment_refs.deferred || excluded.deferred else payment_refs.deferred end
      returning stripe_customer_id`),
  );
  const customer = rows.find((r) => r.stripe_customer_id)?.stripe_customer_id ?? null;
  if (customer)
    await tx.execute(sql`
      update payment_refs set deferred = array_remove(deferred, ${event.id})
      where ref = any(array(select jsonb_array_elements_text(${JSON.stringify(refs)}::jsonb))) and ${event.id} = any(deferred)`);
  return customer;
}

/**
 * Registers refs this customer's record has just seen and returns (locked) the disputes that were
 * waiting on them. The rows stay locked until commit, so no dispute can start waiting meanwhile.
 */
async function claimRefs(
  tx: DbOrTx,
  stripeCustomerId: string,
  refs: string[],
): Promise<{ refs: string[]; disputes: StripeEventLike[] }> {
  const rows = rowsOf<{ ref: string; deferred: string[] }>(
    await tx.execute(sql`
      insert into payment_refs (ref, stripe_customer_id)
      select r, ${stripeCustomerId} from jsonb_array_elements_text(${JSON.stringify(refs)}::jsonb) r order by r
      on conflict (ref) do update
        set stripe_customer_id = coalesce(payment_refs.stripe_customer_id, excluded.stripe_customer_id)
      returning ref, to_jsonb(deferred) as deferred`),
  );
  const waitingOn = rows.filter((r) => r.deferred.length > 0);
  const ids = [...new Set(waitingOn.flatMap((r) => r.deferred))];
  if (ids.length === 0) return { refs: [], disputes: [] };
  const events = rowsOf<{ payload: StripeEventLike }>(
    await tx.execute(sql`
      select payload from stripe_events
      where id = any(array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))) and outcome = 'deferred'
      order by created, id
      for update`),
  );
  return { refs: waitingOn.map((r) => r.ref), disputes: events.map((e) => e.payload) };
}
