// Read-side of the canonical record: the only way agent tools, routes and support read billing state.
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers } from '../db/schema/index.ts';
import { access } from './access.ts';
import type { BillingRecord } from './record.ts';

/**
 * The record of an auth user. One auth user may have had several Stripe customers over time; the
 * one that grants access wins, then the most recently updated.
 */
export async function getRecordByAuthUser(db: DbOrTx, authUserId: string): Promise<BillingRecord | null> {
  const [row] = await db
    .select({ record: customers.record })
    .from(customers)
    .where(eq(customers.authUserId, authUserId))
    .orderBy(desc(customers.hasAccess), desc(customers.updatedAt))
    .limit(1);
  return row?.record ?? null;
}

export async function getRecordByCustomer(
  db: DbOrTx,
  stripeCustomerId: string,
): Promise<BillingRecord | null> {
  const [row] = await db
    .select({ record: customers.record })
    .from(customers)
    .where(eq(customers.stripeCustomerId, stripeCustomerId));
  return row?.record ?? null;
}

export type AccessView = {
  hasAccess: boolean;
  plan: string | null;
  status: string;
  reason: string;
  needsReview: boolean;
  asOf: string;
};

/** What the host app asks on every request: does this user have access, and why. */
export function accessView(record: BillingRecord | null, now: Date, graceDays: number): AccessView {
  const asOf = now.toISOString();
  if (!record) {
    return {
      hasAccess: false,
      plan: null,
      status: 'none',
      reason: 'no_billing_record',
      needsReview: false,
      asOf,
    };
  }
  const a = access(record, asOf, graceDays);
  return {
    hasAccess: a.hasAccess,
    plan: record.subscription?.planId ?? null,
    status: record.subscription?.status ?? 'none',
    reason: a.reason,
    needsReview: record.review.state === 'needs_review',
    asOf,
  };
}

export async function getAccessByAuthUser(
  db: DbOrTx,
  authUserId: string,
  now: Date,
  graceDays: number,
): Promise<AccessView> {
  return accessView(await getRecordByAuthUser(db, authUserId), now, graceDays);
}
