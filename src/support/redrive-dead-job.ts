import type { Db } from '../db/client.ts';
import type { Job } from '../db/schema/index.ts';
import { redriveJob } from '../jobs/redrive.ts';
import { writeAudit } from './audit.ts';

export type RedriveInput = { actor: string; jobId: string; note: string | null; at: Date };
export type RedriveDeadResult =
  | { outcome: 'redriven'; job: Job; auditId: number }
  | { outcome: 'not_found' }
  | { outcome: 'not_dead'; status: string };

/**
 * Puts a dead job back in the outbox with a fresh budget and audits who did it, in one transaction:
 * the workers are woken on commit, so a re-driven job never runs before its audit row exists.
 * The customer's review is not touched; a person resolves it separately once the effect went out.
 */
export async function redriveDeadJob(db: Db, input: RedriveInput): Promise<RedriveDeadResult> {
  return db.transaction(async (tx) => {
    const result = await redriveJob(tx, input.jobId);
    if (result.outcome !== 'redriven') return result;
    const { job } = result;
    const audit = await writeAudit(tx, {
      actor: input.actor,
      action: 'job.redrive',
      targetType: 'job',
      targetId: job.id,
      stripeCustomerId: job.stripeCustomerId,
      note: input.note,
      detail: { kind: job.kind, key: job.key, lastError: job.lastError },
      at: input.at,
    });
    return { outcome: 'redriven' as const, job, auditId: audit.id };
  });
}
