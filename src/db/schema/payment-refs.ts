import { sql } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Which customer a charge or payment intent belongs to, and the disputes waiting for it. A dispute
 * names only its charge; this row is where a dispute and the payment it names meet. Both sides
 * upsert the same primary key, so whichever commits second sees the first (ON CONFLICT works on the
 * latest committed row, not a snapshot): a dispute finds the customer, or the payment finds the
 * waiting dispute. Written by the payment's own transaction (or statement), never afterwards.
 */
export const paymentRefs = pgTable('payment_refs', {
  /** A charge id (ch_/py_) or payment intent id (pi_). */
  ref: text('ref').primaryKey(),
  stripeCustomerId: text('stripe_customer_id'),
  /** Event ids of disputes stored `deferred` until a record has seen this payment. */
  deferred: text('deferred').array().notNull().default(sql`'{}'::text[]`),
});
