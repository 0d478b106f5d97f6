// What the demo's panels show for one demo customer: the canonical record (and the access decision
// now), the Stripe events it was built from, the effect log (outbox jobs, their attempts and local
// deliveries) and the handoffs. Read-only; bounded lists, newest first.
import { and, desc, eq, inArray, isNull, like, or } from 'drizzle-orm';
import { accessView, getRecordByCustomer } from '../billing/queries.ts';
import {
  conversations,
  effectAttempts,
  handoffs,
  jobs,
  localDeliveries,
  stripeEvents,
} from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';

const LIMIT = 40;

export type DemoStateQuery = { customerId?: string; authUserId?: string; conversationId?: string };

export async function getDemoState(deps: Pick<Deps, 'db' | 'clock' | 'config'>, q: DemoStateQuery) {
  const { db } = deps;
  const record = q.customerId ? await getRecordByCustomer(db, q.customerId) : null;
  const now = deps.clock.now();
  const handoffRows = await listHandoffs(deps, q);
  const handoffKeys = handoffRows.map((h) => `handoff.deliver:${h.id}`);
  const jobFilter = or(
    q.customerId ? eq(jobs.stripeCustomerId, q.customerId) : undefined,
    handoffKeys.length > 0 ? inArray(jobs.key, handoffKeys) : undefined,
  );
  const jobRows = jobFilter
    ? await db.select().from(jobs).where(jobFilter).orderBy(desc(jobs.createdAt)).limit(LIMIT)
    : [];
  const jobIds = jobRows.map((j) => j.id);
  const [attempts, deliveries] =
    jobIds.length > 0
      ? await Promise.all([
          db.select().from(effectAttempts).where(inArray(effectAttempts.jobId, jobIds)),
          db
            .select({ jobId: localDeliveries.jobId, at: localDeliveries.at })
            .from(localDeliveries)
            .where(inArray(localDeliveries.jobId, jobIds)),
        ])
      : [[], []];
  const events = q.customerId
    ? await db
        .select({
          id: stripeEvents.id,
          type: stripeEvents.type,
          created: stripeEvents.created,
          outcome: stripeEvents.outcome,
          receivedAt: stripeEvents.receivedAt,
        })
        .from(stripeEvents)
        .where(eq(stripeEvents.stripeCustomerId, q.customerId))
        .orderBy(desc(stripeEvents.created), desc(stripeEvents.receivedAt))
        .limit(LIMIT)
    : [];
  return {
    asOf: now.toISOString(),
    access: record ? accessView(record, now, deps.config.PAST_DUE_GRACE_DAYS) : null,
    record,
    events,
    effects: jobRows.map((j) => ({
      id: j.id,
      kind: j.kind,
      key: j.key,
      /** The key without its kind and customer prefix: what this effect is about. */
      about: j.key.replace(`${j.kind}:`, '').replace(`${j.stripeCustomerId ?? ''}:`, ''),
      status: j.status,
      attempts: j.attempts,
      maxAttempts: j.maxAttempts,
      lastError: j.lastError,
      createdAt: j.createdAt,
      completedAt: j.completedAt,
      deliveredLocally: deliveries.find((d) => d.jobId === j.id)?.at ?? null,
      tries: attempts
        .filter((a) => a.jobId === j.id)
        .sort((a, b) => a.attempt - b.attempt)
        .map((a) => ({ attempt: a.attempt, outcome: a.outcome, latencyMs: a.latencyMs, error: a.error })),
    })),
    handoffs: handoffRows.map((h) => ({
      id: h.id,
      reason: h.reason,
      tag: h.tag,
      status: h.status,
      summary: h.summary,
      createdAt: h.createdAt,
    })),
  };
}
export type DemoState = Awaited<ReturnType<typeof getDemoState>>;

/**
 * The demo customer's handoffs, plus those of the widget's current conversation when that
 * conversation is anonymous or a demo user's (an injection attempt by a visitor, say). Real
 * customers' conversations are never shown.
 */
async function listHandoffs(deps: Pick<Deps, 'db'>, q: DemoStateQuery) {
  const { db } = deps;
  const demoConversation = q.conversationId
    ? and(
        eq(conversations.id, q.conversationId),
        or(isNull(conversations.authUserId), like(conversations.authUserId, 'demo\\_%')),
      )
    : undefined;
  const allowed = demoConversation
    ? (await db.select({ id: conversations.id }).from(conversations).where(demoConversation)).map((c) => c.id)
    : [];
  const filter = or(
    q.authUserId ? eq(handoffs.authUserId, q.authUserId) : undefined,
    allowed.length > 0 ? inArray(handoffs.conversationId, allowed) : undefined,
  );
  if (!filter) return [];
  return db.select().from(handoffs).where(filter).orderBy(desc(handoffs.createdAt)).limit(LIMIT);
}
