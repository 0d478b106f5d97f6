// Read-side of the canonical record: the only way agent tools, routes and support read billing state.
import { desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
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

/** What the access rule and its view read of a record (access.ts). */
export type AccessRecord = Pick<
  BillingRecord,
  'review' | 'subscription' | 'deleted' | 'firstFailedPaymentAt'
>;

/** What the host app asks on every request: does this user have access, and why. */
export function accessView(record: AccessRecord | null, now: Date, graceDays: number): AccessView {
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

/**
 * The entitlement read, the host app's hot path (bench:access). The same choice of record as
 * getRecordByAuthUser, as a prepared statement (planned once per connection, not built and parsed on
 * every request), and only the four fields the rule reads: PostgreSQL leaves the rest (the facts are
 * most of a record) in the database, and the server parses about a tenth of the JSON per request.
 */
function prepareAccessQuery(db: Db) {
  const r = customers.record;
  return db
    .select({
      record: sql<AccessRecord>`jsonb_build_object('review', ${r} -> 'review', 'subscription', ${r} -> 'subscription',
        'deleted', ${r} -> 'deleted', 'firstFailedPaymentAt', ${r} -> 'firstFailedPaymentAt')`,
    })
    .from(customers)
    .where(eq(customers.authUserId, sql.placeholder('authUserId')))
    .orderBy(desc(customers.hasAccess), desc(customers.updatedAt))
    .limit(1)
    .prepare('ledgerdesk_access_by_auth_user_v1');
}

const ACCESS_QUERIES = new WeakMap<Db, ReturnType<typeof prepareAccessQuery>>();

function accessQuery(db: Db): ReturnType<typeof prepareAccessQuery> {
  let query = ACCESS_QUERIES.get(db);
  if (!query) {
    query = prepareAccessQuery(db);
    ACCESS_QUERIES.set(db, query);
  }
  return query;
}

export async function getAccessRecordByAuthUser(db: Db, authUserId: string): Promise<AccessRecord | null> {
  const [row] = await accessQuery(db).execute({ authUserId });
  return row?.record ?? null;
}

export async function getAccessByAuthUser(
  db: Db,
  authUserId: string,
  now: Date,
  graceDays: number,
): Promise<AccessView> {
  return accessView(await getAccessRecordByAuthUser(db, authUserId), now, graceDays);
}
