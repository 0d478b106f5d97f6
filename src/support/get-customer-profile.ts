import { accessView, getRecordByCustomer } from '../billing/queries.ts';
import type { DbOrTx } from '../db/client.ts';
import { auditOfCustomer } from './audit.ts';
import { conversationsOf, effectLog, eventTimeline, handoffsOf } from './customer-activity.ts';

export type ProfileContext = { now: Date; graceDays: number };

/**
 * Everything support needs about one customer in one answer: the canonical record and the access it
 * grants now, the events that built it, the effects it caused, the customer's conversations and
 * handoffs, and what staff already did. Null when the customer is unknown.
 */
export async function getCustomerProfile(db: DbOrTx, stripeCustomerId: string, ctx: ProfileContext) {
  const record = await getRecordByCustomer(db, stripeCustomerId);
  if (!record) return null;
  // Every user who claims the customer, so a conflict shows both sides' conversations.
  const users = [
    ...new Set([record.authUserId, ...record.facts.claims.map((c) => c.authUserId)].filter(isString)),
  ];
  const [events, effects, convs, handoffList, audit] = await Promise.all([
    eventTimeline(db, stripeCustomerId),
    effectLog(db, stripeCustomerId),
    conversationsOf(db, users),
    handoffsOf(db, users),
    auditOfCustomer(db, stripeCustomerId),
  ]);
  return {
    record,
    access: accessView(record, ctx.now, ctx.graceDays),
    events,
    effects,
    conversations: convs,
    handoffs: handoffList,
    audit,
  };
}
export type CustomerProfile = NonNullable<Awaited<ReturnType<typeof getCustomerProfile>>>;

function isString(v: string | null): v is string {
  return typeof v === 'string';
}
