import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Every verified Stripe event, once (the primary key is the dedupe). */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    created: timestamp('created', { withTimezone: true }).notNull(),
    livemode: boolean('livemode').notNull().default(false),
    apiVersion: text('api_version'),
    stripeCustomerId: text('stripe_customer_id'),
    payload: jsonb('payload').notNull(),
    source: text('source').notNull().default('webhook'),
    outcome: text('outcome').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    duplicateCount: integer('duplicate_count').notNull().default(0),
    lastDuplicateAt: timestamp('last_duplicate_at', { withTimezone: true }),
  },
  (t) => [
    // The support timeline lists one customer's events in order.
    index('stripe_events_customer_idx').on(t.stripeCustomerId, t.created),
    index('stripe_events_received_idx').on(sql`${t.receivedAt} desc`),
    // Disputes waiting for their payment are looked up on every payment event; keep that probe tiny.
    index('stripe_events_deferred_idx').on(t.outcome).where(sql`${t.outcome} = 'deferred'`),
  ],
);
export type StripeEventRow = typeof stripeEvents.$inferSelect;
