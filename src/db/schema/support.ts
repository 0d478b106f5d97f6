import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every staff action (resolve a review, re-drive a job, close a handoff): who, what, on which target,
 * and why. Written in the same transaction as the change, so an action without its row cannot exist.
 * Append-only; nothing updates or deletes these rows.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The name of the staff key that acted (never the key). */
    actor: text('actor').notNull(),
    /** `domain.verb`, like job kinds: review.resolve | job.redrive | handoff.close. */
    action: text('action').notNull(),
    /** customer | job | handoff */
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    /** The customer the target belongs to, when there is one, so a profile shows every action about it. */
    stripeCustomerId: text('stripe_customer_id'),
    note: text('note'),
    /** What the action changed (outcome, counts, previous status). */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The customer profile lists the latest actions about one customer.
    index('audit_log_customer_idx').on(t.stripeCustomerId, t.at),
    // "Who touched this job / handoff?"
    index('audit_log_target_idx').on(t.targetType, t.targetId),
  ],
);
export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;
