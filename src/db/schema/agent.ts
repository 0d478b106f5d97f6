import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One chat conversation. The server keeps the history (the client sends only its new message), so a
 * client cannot rewrite what the agent saw. `authUserId` null means an anonymous conversation, which
 * never holds billing data.
 */
export const conversations = pgTable(
  'conversations',
  {
    /** The client's chat id (useChat `id`) or one the server generated. */
    id: text('id').primaryKey(),
    authUserId: text('auth_user_id'),
    stripeCustomerId: text('stripe_customer_id'),
    /** The customer's support thread, copied from the billing record so staff see one thread. */
    supportThreadId: text('support_thread_id'),
    /** open | handed_off */
    status: text('status').notNull().default('open'),
    turns: integer('turns').notNull().default(0),
    /** Consecutive turns the agent could not answer; two in a row hand off. */
    unansweredStreak: integer('unanswered_streak').notNull().default(0),
    handoffId: text('handoff_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('conversations_auth_user_idx').on(t.authUserId)],
);
export type Conversation = typeof conversations.$inferSelect;

/** Messages in UI message shape (parts + metadata), in arrival order. */
export const messages = pgTable(
  'messages',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    parts: jsonb('parts').$type<unknown[]>().notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Every turn loads one conversation's history in order.
  (t) => [index('messages_conversation_idx').on(t.conversationId, t.seq)],
);
export type MessageRow = typeof messages.$inferSelect;

/** A conversation handed to a person: what they need to pick it up without asking again. */
export const handoffs = pgTable(
  'handoffs',
  {
    /** The reference the customer is given (ho_…). */
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    authUserId: text('auth_user_id'),
    stripeCustomerId: text('stripe_customer_id'),
    reason: text('reason').notNull(),
    /** Routing tag: billing | product | human_review. */
    tag: text('tag').notNull(),
    summary: text('summary').notNull(),
    transcript: jsonb('transcript').$type<{ role: string; text: string; at: string }[]>().notNull(),
    /** The customer's billing state when the handoff was made (null when unknown or anonymous). */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>(),
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('handoffs_conversation_idx').on(t.conversationId),
    // The support queue lists open handoffs newest first.
    index('handoffs_open_idx').on(t.createdAt).where(sql`${t.status} = 'open'`),
  ],
);
export type Handoff = typeof handoffs.$inferSelect;
