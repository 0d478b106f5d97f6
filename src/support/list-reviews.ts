import { asc, count, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers } from '../db/schema/index.ts';

export const REVIEW_QUEUE_LIMIT = 100;

/**
 * The needs-review queue, longest-waiting first, with the total so a cut list says how much is left.
 * `<> 'ok'` is the partial index's own predicate, so both queries read only that slice.
 */
export async function listReviewQueue(db: DbOrTx, limit = REVIEW_QUEUE_LIMIT) {
  const waiting = ne(customers.reviewState, 'ok');
  const since = sql<string | null>`${customers.record}->'review'->>'since'`;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        stripeCustomerId: customers.stripeCustomerId,
        email: customers.email,
        authUserId: customers.authUserId,
        hasAccess: customers.hasAccess,
        review: sql<ReviewView>`${customers.record}->'review'`,
        since,
      })
      .from(customers)
      .where(waiting)
      .orderBy(sql`${since} asc nulls last`, asc(customers.stripeCustomerId))
      .limit(limit),
    db.select({ n: count() }).from(customers).where(waiting),
  ]);
  return {
    total: total?.n ?? 0,
    items: rows.map(({ since: _since, review, ...row }) => ({
      ...row,
      reason: review.reason,
      since: review.since,
      issues: review.issues,
      confirmedAccess: review.confirmedAccess,
    })),
  };
}

type ReviewView = {
  reason: string | null;
  since: string | null;
  issues: { key: string; reason: string; since: string }[];
  confirmedAccess: { hasAccess: boolean; reason: string; since: string | null } | null;
};
