import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { BillingRecord } from '../../billing/record.ts';

/**
 * The canonical billing record, one row per Stripe customer. `record` is the reducer's value (the
 * single source of truth); the other columns are projections of it for lookups and the support search.
 */
export const customers = pgTable(
  'customers',
  {
    stripeCustomerId: text('stripe_customer_id').primaryKey(),
    authUserId: text('auth_user_id'),
    email: text('email'),
    crmContactId: text('crm_contact_id'),
    subscriptionId: text('subscription_id'),
    subscriptionStatus: text('subscription_status'),
    plan: text('plan'),
    hasAccess: boolean('has_access').notNull().default(false),
    reviewState: text('review_state').notNull().default('ok'),
    supportThreadId: text('support_thread_id'),
    record: jsonb('record').$type<BillingRecord>().notNull(),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Entitlement lookups and the chat principal resolve by auth user id on every request.
    index('customers_auth_user_id_idx').on(t.authUserId),
    // Support search by e-mail (case-insensitive).
    index('customers_email_idx').on(sql`lower(${t.email})`),
    // The needs-review queue is a small slice of the table.
    index('customers_review_idx').on(t.reviewState).where(sql`${t.reviewState} <> 'ok'`),
  ],
);
export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
