// What happens after a handler returns or throws: done, retry with backoff, or dead letter; the
// attempt logged and counted either way.
import type { Job } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { isJobKind, JOB_CATALOGUE, type RetryBudget } from './catalogue.ts';
import { deadLetter } from './dead-letter.ts';
import type { Delivered, DeliveryError } from './delivery.ts';
import { completeJob, recordAttempt, retryJob } from './job-store.ts';

export type OutcomeDeps = Pick<Deps, 'db' | 'config' | 'clock' | 'log' | 'metrics'>;
export type RetryDelay = (attempt: number, budget: RetryBudget, retryAfterMs?: number) => number;

const DEFAULT_BUDGET: RetryBudget = { maxAttempts: 5, baseDelayMs: 10_000, maxDelayMs: 600_000 };

export async function recordSuccess(
  deps: OutcomeDeps,
  workerId: string,
  job: Job,
  result: Delivered,
  latencyMs: number,
): Promise<void> {
  const { db, metrics, clock } = deps;
  const { commit } = result;
  const held = commit
    ? await db.transaction(async (tx) => {
        const ours = await completeJob(tx, job, workerId, result.outcome, latencyMs);
        await commit(tx);
        return ours;
      })
    : await completeJob(db, job, workerId, result.outcome, latencyMs);
  metrics.effectOutcomes.inc({ kind: job.kind, outcome: result.outcome });
  if (held) {
    metrics.eventLag.observe({ kind: job.kind }, (clock.now().getTime() - job.ackedAt.getTime()) / 1000);
  }
  deps.log.debug(
    { jobId: job.id, kind: job.kind, attempt: job.attempts, detail: result.detail },
    'effect delivered',
  );
}

export async function recordFailure(
  deps: OutcomeDeps,
  workerId: string,
  job: Job,
  failure: DeliveryError,
  latencyMs: number,
  retryDelay: RetryDelay,
): Promise<void> {
  const { db, metrics, log } = deps;
  const budget = isJobKind(job.kind) ? JOB_CATALOGUE[job.kind] : DEFAULT_BUDGET;
  const error = failure.message;
  if (failure.retryable && job.attempts < job.maxAttempts) {
    const delayMs = retryDelay(job.attempts, budget, failure.opts.retryAfterMs);
    await retryJob(db, job, workerId, delayMs, error, latencyMs);
    metrics.effectOutcomes.inc({ kind: job.kind, outcome: 'retry' });
    log.warn(
      { jobId: job.id, kind: job.kind, attempt: job.attempts, delayMs, error },
      'effect failed; retrying',
    );
    return;
  }
  const outcome = failure.opts.outcome === 'disabled' ? 'disabled' : 'dead';
  const at = deps.clock.now();
  const review = { catalogue: deps.config.PLAN_CATALOGUE, graceDays: deps.config.PAST_DUE_GRACE_DAYS };
  const dead = await db.transaction(async (tx) => {
    const ours = await deadLetter(tx, { job, workerId, error, latencyMs, outcome, at, review });
    if (!ours) await recordAttempt(tx, job, outcome, latencyMs, `${error} (lease lost)`);
    return ours;
  });
  metrics.effectOutcomes.inc({ kind: job.kind, outcome });
  if (dead) metrics.deadLetters.inc({ kind: job.kind });
  log.error({ jobId: job.id, kind: job.kind, attempts: job.attempts, error }, 'effect dead-lettered');
}
