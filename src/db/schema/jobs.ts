import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The outbox: side effects written in the same transaction as the state change that caused them. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    /** Deterministic idempotency key of the effect; a second insert with the same key is dropped. */
    key: text('key').notNull().unique(),
    stripeCustomerId: text('stripe_customer_id'),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** When the webhook that caused it was acknowledged: the start of the event-lag clock. */
    ackedAt: timestamp('acked_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    // Workers claim due pending rows (and expired leases) in run_at order; done rows stay out of it.
    index('jobs_claim_idx').on(t.runAt).where(sql`${t.status} in ('pending', 'running')`),
    index('jobs_customer_idx').on(t.stripeCustomerId),
    index('jobs_dead_idx').on(t.status).where(sql`${t.status} = 'dead'`),
  ],
);
export type Job = typeof jobs.$inferSelect;

/** Every delivery attempt of every job (the support API shows them). */
export const effectAttempts = pgTable(
  'effect_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: uuid('job_id').notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    attempt: integer('attempt').notNull(),
    outcome: text('outcome').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('effect_attempts_job_idx').on(t.jobId)],
);
export type EffectAttempt = typeof effectAttempts.$inferSelect;

/** Effects with no configured target (embedded mode) are delivered here, never silently dropped. */
export const localDeliveries = pgTable('local_deliveries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  jobId: uuid('job_id').notNull(),
  kind: text('kind').notNull(),
  key: text('key').notNull().unique(),
  payload: jsonb('payload').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
