// The conversation store. Every read filters by the owner: another principal's conversation answers
// exactly like a missing one.
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
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

function ownedBy(principal: Principal) {
  const owner = ownerOf(principal);
  return owner === null ? isNull(conversations.authUserId) : eq(conversations.authUserId, owner);
}

/** The principal's conversation with this id, created on first use. */
export async function openConversation(
  db: DbOrTx,
  principal: Principal,
  id: string | undefined,
): Promise<Conversation> {
  const conversationId = id ?? newId('conv');
  await db
    .insert(conversations)
    .values({ id: conversationId, authUserId: ownerOf(principal) })
    .onConflictDoNothing({ target: conversations.id });
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), ownedBy(principal)));
  if (!row) throw new AppError('NOT_FOUND', 'No such conversation.');
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
