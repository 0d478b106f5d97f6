// Loading, locking and saving the canonical record. The reducer is pure; this is the shell around it.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers } from '../db/schema/index.ts';
import { type BillingRecord, emptyRecord } from './record.ts';

/**
 * Locks the customer's row for the rest of the transaction (creating it empty if it does not exist),
 * so every writer of one customer's record is serialised, across processes too.
 */
export async function lockRecord(
  tx: DbOrTx,
  stripeCustomerId: string,
): Promise<{ record: BillingRecord; fresh: boolean }> {
  // One round trip: an upsert whose DO UPDATE takes the row lock an existing row needs, and
  // inserts (already locked) a new one. xmax = 0 only on a freshly inserted row.
  const [row] = await tx
    .insert(customers)
    .values({ stripeCustomerId, record: emptyRecord(stripeCustomerId) })
    .onConflictDoUpdate({
      target: customers.stripeCustomerId,
      set: { stripeCustomerId: sql`excluded.stripe_customer_id` },
    })
    .returning({ record: customers.record, fresh: sql<boolean>`(xmax = 0)` });
  if (!row) throw new Error(`customer row ${stripeCustomerId} could not be locked`);
  return { record: row.record, fresh: row.fresh };
}

/** The customers columns projected from a record, for lookups and the support search. */
export function recordProjection(record: BillingRecord) {
  return {
    authUserId: record.authUserId,
    email: record.email,
    crmContactId: record.crmContactId,
    subscriptionId: record.subscription?.id ?? null,
    subscriptionStatus: record.subscription?.status ?? null,
    plan: record.subscription?.planId ?? null,
    hasAccess: record.access.hasAccess,
    reviewState: record.review.state,
    supportThreadId: record.supportThreadId,
  };
}

/** Writes the record and its projections in one statement. */
export async function saveRecord(tx: DbOrTx, record: BillingRecord): Promise<void> {
  await tx
    .update(customers)
    .set({
      ...recordProjection(record),
      record,
      version: sql`${customers.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(customers.stripeCustomerId, record.stripeCustomerId));
}
