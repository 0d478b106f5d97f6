// The conversation store. Every conversation is checked against the principal: another principal's
// conversation answers exactly like a missing one.
import { randomBytes } from 'node:crypto';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Principal } from '../app-env.ts';
import type { DbOrTx } from '../db/client.ts';
import { type Conversation, conversations, type MessageRow, messages } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

function ownerOf(principal: Principal): string | null {
  return principal.kind === 'customer' ? principal.authUserId : null;
}

/** The principal's conversation with this id, created on first use; one round trip either way. */
export async function openConversation(
  db: DbOrTx,
  principal: Principal,
  id: string | undefined,
): Promise<Conversation> {
  const owner = ownerOf(principal);
  // The no-op update makes RETURNING yield the existing row on conflict, so the owner check below
  // needs no second query.
  const [row] = await db
    .insert(conversations)
    .values({ id: id ?? newId('conv'), authUserId: owner })
    .onConflictDoUpdate({ target: conversations.id, set: { id: sql`excluded.id` } })
    .returning();
  if (!row || row.authUserId !== owner) throw new AppError('NOT_FOUND', 'No such conversation.');
  return row;
}

/** The latest `limit` messages, oldest first. */
export async function loadHistory(db: DbOrTx, conversationId: string, limit = 20): Promise<MessageRow[]> {
  const rows = await db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(desc(messages.seq))
    .limit(limit);
  return rows.reverse();
}

export async function allMessages(db: DbOrTx, conversationId: string): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.seq));
}

export function textOf(parts: unknown[]): string {
  return parts
    .map((p) =>
      p && typeof p === 'object' && (p as { type?: unknown }).type === 'text'
        ? (p as { text: string }).text
        : '',
    )
    .join('')
    .trim();
}
