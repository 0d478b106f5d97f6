import { desc, eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers } from '../db/schema/index.ts';

export type CustomerSummary = {
  stripeCustomerId: string;
  email: string | null;
  authUserId: string | null;
  plan: string | null;
  subscriptionStatus: string | null;
  hasAccess: boolean;
  reviewState: string;
  updatedAt: Date;
};

export const customerSummaryColumns = {
  stripeCustomerId: customers.stripeCustomerId,
  email: customers.email,
  authUserId: customers.authUserId,
  plan: customers.plan,
  subscriptionStatus: customers.subscriptionStatus,
  hasAccess: customers.hasAccess,
  reviewState: customers.reviewState,
  updatedAt: customers.updatedAt,
};

/**
 * Customers whose Stripe id, auth user id or e-mail (case-insensitive) equals `q`. Exact matches
 * only: each arm has its own index, so the search stays an index lookup at any table size.
 */
export async function searchCustomers(db: DbOrTx, q: string, limit = 20): Promise<CustomerSummary[]> {
  return db
    .select(customerSummaryColumns)
    .from(customers)
    .where(
      or(
        eq(customers.stripeCustomerId, q),
        eq(customers.authUserId, q),
        eq(sql`lower(${customers.email})`, q.toLowerCase()),
      ),
    )
    .orderBy(desc(customers.updatedAt))
    .limit(limit);
}
