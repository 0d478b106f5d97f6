// The bounded lists of a customer profile: what Stripe sent, what we did about it, and what the
// customer said. Each list has a hard limit so a long-lived customer cannot make the profile unbounded.
import { desc, eq, inArray } from 'drizzle-orm';
import { loadHistory, textOf } from '../agent/conversations.ts';
import type { DbOrTx } from '../db/client.ts';
import {
  conversations,
  type EffectAttempt,
  effectAttempts,
  handoffs,
  jobs,
  stripeEvents,
} from '../db/schema/index.ts';

export const PROFILE_LIMITS = {
  events: 100,
  jobs: 50,
  attempts: 500,
  conversations: 10,
  messagesPerConversation: 50,
  handoffs: 50,
} as const;

/** The event timeline, newest first, including duplicates (counted on the row) and ignored events. */
export async function eventTimeline(db: DbOrTx, stripeCustomerId: string) {
  return db
    .select({
      id: stripeEvents.id,
      type: stripeEvents.type,
      created: stripeEvents.created,
      outcome: stripeEvents.outcome,
      source: stripeEvents.source,
      receivedAt: stripeEvents.receivedAt,
      duplicateCount: stripeEvents.duplicateCount,
      lastDuplicateAt: stripeEvents.lastDuplicateAt,
    })
    .from(stripeEvents)
    .where(eq(stripeEvents.stripeCustomerId, stripeCustomerId))
    .orderBy(desc(stripeEvents.created), desc(stripeEvents.id))
    .limit(PROFILE_LIMITS.events);
}

type AttemptView = Pick<EffectAttempt, 'attempt' | 'outcome' | 'latencyMs' | 'error' | 'at'>;

/** Outbox jobs of the customer, newest first, each with its delivery attempts in order. */
export async function effectLog(db: DbOrTx, stripeCustomerId: string) {
  const rows = await db
    .select({
      id: jobs.id,
      kind: jobs.kind,
      key: jobs.key,
      status: jobs.status,
      attempts: jobs.attempts,
      maxAttempts: jobs.maxAttempts,
      lastError: jobs.lastError,
      runAt: jobs.runAt,
      createdAt: jobs.createdAt,
      completedAt: jobs.completedAt,
    })
    .from(jobs)
    .where(eq(jobs.stripeCustomerId, stripeCustomerId))
    .orderBy(desc(jobs.createdAt), desc(jobs.key))
    .limit(PROFILE_LIMITS.jobs);
  if (rows.length === 0) return [];
  const attempts = await db
    .select()
    .from(effectAttempts)
    .where(
      inArray(
        effectAttempts.jobId,
        rows.map((r) => r.id),
      ),
    )
    // Newest first under the limit, so a cut drops the oldest attempts, not the latest.
    .orderBy(desc(effectAttempts.id))
    .limit(PROFILE_LIMITS.attempts);
  const byJob = new Map<string, AttemptView[]>();
  for (const a of attempts.reverse()) {
    const view = { attempt: a.attempt, outcome: a.outcome, latencyMs: a.latencyMs, error: a.error, at: a.at };
    byJob.set(a.jobId, [...(byJob.get(a.jobId) ?? []), view]);
  }
  return rows.map((r) => ({ ...r, attemptLog: byJob.get(r.id) ?? [] }));
}

/**
 * Conversations of the auth users who claim this customer (all of them when the claim is in
 * conflict), newest first, each with its latest messages as text. Anonymous conversations never
 * hold billing data, so they do not belong to a customer.
 */
export async function conversationsOf(db: DbOrTx, authUserIds: string[]) {
  if (authUserIds.length === 0) return [];
  const rows = await db
    .select()
    .from(conversations)
    .where(inArray(conversations.authUserId, authUserIds))
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(PROFILE_LIMITS.conversations);
  return Promise.all(
    rows.map(async (conv) => {
      const history = await loadHistory(db, conv.id, PROFILE_LIMITS.messagesPerConversation);
      const transcript = history.map((m) => ({ role: m.role, text: textOf(m.parts), at: m.createdAt }));
      return {
        id: conv.id,
        authUserId: conv.authUserId,
        status: conv.status,
        turns: conv.turns,
        handoffId: conv.handoffId,
        createdAt: conv.createdAt,
        updatedAt: conv.updatedAt,
        transcript,
      };
    }),
  );
}

/** Handoffs of those users' conversations, newest first (the transcript is on the conversation). */
export async function handoffsOf(db: DbOrTx, authUserIds: string[]) {
  if (authUserIds.length === 0) return [];
  return db
    .select({
      id: handoffs.id,
      conversationId: handoffs.conversationId,
      reason: handoffs.reason,
      tag: handoffs.tag,
      summary: handoffs.summary,
      status: handoffs.status,
      createdAt: handoffs.createdAt,
    })
    .from(handoffs)
    .innerJoin(conversations, eq(conversations.id, handoffs.conversationId))
    .where(inArray(conversations.authUserId, authUserIds))
    .orderBy(desc(handoffs.createdAt), desc(handoffs.id))
    .limit(PROFILE_LIMITS.handoffs);
}
