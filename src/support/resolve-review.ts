import { eq } from 'drizzle-orm';
import { deriveRecord } from '../billing/derive.ts';
import { saveRecord } from '../billing/ingest-store.ts';
import { resolveReview } from '../billing/operator.ts';
import type { PlanCatalogue } from '../billing/plans.ts';
import type { BillingRecord } from '../billing/record.ts';
import { finish, type ReduceResult } from '../billing/reduce.ts';
import { toUnix } from '../billing/version.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { customers } from '../db/schema/index.ts';
import { enqueueEffects } from '../jobs/enqueue.ts';
import { writeAudit } from './audit.ts';

export type ResolveInput = {
  actor: string;
  stripeCustomerId: string;
  note: string;
  authUserId?: string;
  at: Date;
};
export type ResolveContext = { catalogue: PlanCatalogue; graceDays: number };

export type ResolveResult =
  | { outcome: 'resolved'; record: BillingRecord; effects: number; auditId: number }
  | { outcome: 'not_found' }
  | { outcome: 'nothing_to_resolve' };

/**
 * A person resolves a customer's review: the open issues close, the access freeze lifts, the
 * effects of the change are queued, and the audit row is written, all in one transaction under the
 * record's row lock (so a webhook for the same customer waits, then reduces on top of it).
 */
export async function resolveCustomerReview(
  db: Db,
  input: ResolveInput,
  ctx: ResolveContext,
): Promise<ResolveResult> {
  return db.transaction(async (tx) => {
    const record = await lockExisting(tx, input.stripeCustomerId);
    if (!record) return { outcome: 'not_found' as const };
    const result = resolveAll(record, input.at.toISOString(), { ...ctx, authUserId: input.authUserId });
    if (result.outcome === 'stale') return { outcome: 'nothing_to_resolve' as const };
    await saveRecord(tx, result.record);
    const queued = await enqueueEffects(tx, result.effects, input.at);
    const audit = await writeAudit(tx, {
      actor: input.actor,
      action: 'review.resolve',
      targetType: 'customer',
      targetId: record.stripeCustomerId,
      stripeCustomerId: record.stripeCustomerId,
      note: input.note,
      detail: {
        resolvedIssues: record.review.issues.map((i) => i.key),
        authUserId: { before: record.authUserId, after: result.record.authUserId },
        hasAccess: { before: record.access.hasAccess, after: result.record.access.hasAccess },
        effects: queued,
      },
      at: input.at,
    });
    return { outcome: 'resolved' as const, record: result.record, effects: queued, auditId: audit.id };
  });
}

/** Locks the customer's row; unlike billing's lockRecord, never creates one for an unknown id. */
async function lockExisting(tx: DbOrTx, stripeCustomerId: string): Promise<BillingRecord | null> {
  const [row] = await tx
    .select({ record: customers.record })
    .from(customers)
    .where(eq(customers.stripeCustomerId, stripeCustomerId))
    .for('update');
  return row?.record ?? null;
}

/**
 * billing's resolveReview closes the issues it derives from the facts. A dead-lettered effect adds
 * an `effect:` issue that is not in the facts (jobs/review.ts), so resolveReview alone would leave
 * such a record frozen; those keys are marked resolved here too, and when they were the only issues
 * the record is re-derived the way resolveReview does it.
 */
export function resolveAll(
  record: BillingRecord,
  atIso: string,
  ctx: ResolveContext & { authUserId?: string },
): ReduceResult {
  const effectKeys = record.review.issues.map((i) => i.key).filter((k) => k.startsWith('effect:'));
  if (effectKeys.length === 0) return resolveReview(record, atIso, ctx);
  const at = toUnix(atIso);
  const operator = {
    resolvedIssues: [...new Set([...record.operator.resolvedIssues, ...effectKeys])].sort(),
    authUserId: record.operator.authUserId,
    at: Math.max(record.operator.at ?? at, at),
  };
  const withEffectsResolved = { ...record, operator };
  const result = resolveReview(withEffectsResolved, atIso, ctx);
  if (result.outcome !== 'stale') return finish(record, result.record, null, ctx.graceDays);
  // Only effect issues were open: nothing for resolveReview to close, so derive as it would.
  return finish(record, deriveRecord(withEffectsResolved, record.facts, ctx), null, ctx.graceDays);
}
