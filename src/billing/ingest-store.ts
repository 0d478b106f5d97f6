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
  const created = await tx
    .insert(customers)
    .values({ stripeCustomerId, record: emptyRecord(stripeCustomerId) })
    .onConflictDoNothing({ target: customers.stripeCustomerId })
    .returning({ id: customers.stripeCustomerId });
  const [row] = await tx
    .select({ record: customers.record })
    .from(customers)
    .where(eq(customers.stripeCustomerId, stripeCustomerId))
    .for('update');
  if (!row) throw new Error(`customer row ${stripeCustomerId} vanished under lock`);
  return { record: row.record, fresh: created.length > 0 };
}

/** Writes the record and its projections in one statement. */
export async function saveRecord(tx: DbOrTx, record: BillingRecord): Promise<void> {
  await tx
    .update(customers)
    .set({
      authUserId: record.authUserId,
      email: record.email,
      crmContactId: record.crmContactId,
      subscriptionId: record.subscription?.id ?? null,
      subscriptionStatus: record.subscription?.status ?? null,
      plan: record.subscription?.planId ?? null,
      hasAccess: record.access.hasAccess,
      reviewState: record.review.state,
      supportThreadId: record.supportThreadId,
      record,
      version: sql`${customers.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(customers.stripeCustomerId, record.stripeCustomerId));
}
