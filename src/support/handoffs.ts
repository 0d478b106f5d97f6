// The handoff queue for staff. Closing a handoff gives the conversation back to the bot.
import { and, desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { conversations, type Handoff, handoffs } from '../db/schema/index.ts';
import { writeAudit } from './audit.ts';

export const HANDOFF_LIST_LIMIT = 100;
export type HandoffStatus = 'open' | 'closed';

/** Newest first, without transcripts (one handoff's detail carries it). */
export async function listHandoffs(db: DbOrTx, status: HandoffStatus, limit = HANDOFF_LIST_LIMIT) {
  return db
    .select({
      id: handoffs.id,
      conversationId: handoffs.conversationId,
      authUserId: handoffs.authUserId,
      stripeCustomerId: handoffs.stripeCustomerId,
      reason: handoffs.reason,
      tag: handoffs.tag,
      summary: handoffs.summary,
      status: handoffs.status,
      createdAt: handoffs.createdAt,
    })
    .from(handoffs)
    .where(eq(handoffs.status, status))
    .orderBy(desc(handoffs.createdAt), desc(handoffs.id))
    .limit(limit);
}

export async function getHandoff(db: DbOrTx, id: string): Promise<Handoff | null> {
  const [row] = await db.select().from(handoffs).where(eq(handoffs.id, id));
  return row ?? null;
}

export type CloseInput = { actor: string; handoffId: string; note: string | null; at: Date };
export type CloseResult =
  | { outcome: 'closed'; handoff: Handoff; conversationReopened: boolean; auditId: number }
  | { outcome: 'not_found' }
  | { outcome: 'already_closed' };

/**
 * Closes an open handoff and, if its conversation is still handed off to it, gives the conversation
 * back to the bot: the agent answers every turn of a `handed_off` conversation with the existing
 * handoff (agent/chat.ts), and answers normally once it is `open` again. The unanswered streak
 * restarts so the first unclear question after a person's help does not hand straight back.
 */
export async function closeHandoff(db: Db, input: CloseInput): Promise<CloseResult> {
  return db.transaction(async (tx) => {
    const [handoff] = await tx
      .update(handoffs)
      .set({ status: 'closed' })
      .where(and(eq(handoffs.id, input.handoffId), eq(handoffs.status, 'open')))
      .returning();
    if (!handoff) {
      const existing = await getHandoff(tx, input.handoffId);
      return existing ? { outcome: 'already_closed' as const } : { outcome: 'not_found' as const };
    }
    const reopened = await tx
      .update(conversations)
      .set({ status: 'open', unansweredStreak: 0, updatedAt: input.at })
      .where(
        and(
          eq(conversations.id, handoff.conversationId),
          eq(conversations.status, 'handed_off'),
          eq(conversations.handoffId, handoff.id),
        ),
      )
      .returning({ id: conversations.id });
    const audit = await writeAudit(tx, {
      actor: input.actor,
      action: 'handoff.close',
      targetType: 'handoff',
      targetId: handoff.id,
      stripeCustomerId: handoff.stripeCustomerId,
      note: input.note,
      detail: { conversationId: handoff.conversationId, conversationReopened: reopened.length > 0 },
      at: input.at,
    });
    return {
      outcome: 'closed' as const,
      handoff,
      conversationReopened: reopened.length > 0,
      auditId: audit.id,
    };
  });
}
