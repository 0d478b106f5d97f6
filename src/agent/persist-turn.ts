// A turn's writes, in one transaction: both messages, the conversation's counters, and for a handoff
// its row and the outbox effect that delivers it. The customer sees a handoff reference only after
// this commits, so the reference always exists.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type Conversation, conversations, handoffs, messages } from '../db/schema/index.ts';
import { enqueueEffects } from '../jobs/enqueue.ts';
import type { HandoffRequest } from './handoff/reasons.ts';

export type StoredMessage = { id: string; parts: unknown[]; metadata?: Record<string, unknown> };
export type TranscriptLine = { role: string; text: string; at: string };

export type HandoffRecord = HandoffRequest & {
  id: string;
  transcript: TranscriptLine[];
  snapshot: Record<string, unknown> | null;
};

export type TurnWrite = {
  conversation: Conversation;
  user: StoredMessage;
  assistant: StoredMessage;
  unanswered: boolean;
  stripeCustomerId: string | null;
  supportThreadId: string | null;
  handoff: HandoffRecord | null;
  now: Date;
};

export async function persistTurn(db: Db, w: TurnWrite): Promise<void> {
  const conv = w.conversation;
  await db.transaction(async (tx) => {
    await tx.insert(messages).values([
      { id: w.user.id, conversationId: conv.id, role: 'user', parts: w.user.parts },
      {
        id: w.assistant.id,
        conversationId: conv.id,
        role: 'assistant',
        parts: w.assistant.parts,
        metadata: w.assistant.metadata,
      },
    ]);
    await tx
      .update(conversations)
      .set({
        turns: sql`${conversations.turns} + 1`,
        unansweredStreak: w.unanswered ? sql`${conversations.unansweredStreak} + 1` : 0,
        stripeCustomerId: w.stripeCustomerId ?? conv.stripeCustomerId,
        supportThreadId: w.supportThreadId ?? conv.supportThreadId,
        updatedAt: w.now,
        ...(w.handoff && { status: 'handed_off', handoffId: w.handoff.id }),
      })
      .where(eq(conversations.id, conv.id));
    if (w.handoff) await insertHandoff(tx, w);
  });
}

async function insertHandoff(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  w: TurnWrite,
): Promise<void> {
  const h = w.handoff!;
  const conv = w.conversation;
  await tx.insert(handoffs).values({
    id: h.id,
    conversationId: conv.id,
    authUserId: conv.authUserId,
    stripeCustomerId: w.stripeCustomerId,
    reason: h.reason,
    tag: h.tag,
    summary: h.summary,
    transcript: h.transcript,
    snapshot: h.snapshot,
    createdAt: w.now,
  });
  await enqueueEffects(tx, [
    {
      kind: 'handoff.deliver',
      key: `handoff.deliver:${h.id}`,
      stripeCustomerId: w.stripeCustomerId,
      payload: {
        type: 'handoff.created',
        handoff: {
          id: h.id,
          reason: h.reason,
          tag: h.tag,
          summary: h.summary,
          conversationId: conv.id,
          supportThreadId: w.supportThreadId ?? conv.supportThreadId,
          authUserId: conv.authUserId,
          stripeCustomerId: w.stripeCustomerId,
          snapshot: h.snapshot,
          transcript: h.transcript,
          createdAt: w.now.toISOString(),
        },
      },
    },
  ]);
}
