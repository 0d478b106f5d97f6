// Past its budget (or refused for good), a job stops being retried: it is marked dead, its customer
// goes to needs_review, and a person is alerted, all in one transaction so none happens alone.
import type { DeriveContext } from '../billing/derive.ts';
import type { Tx } from '../db/client.ts';
import type { Job } from '../db/schema/index.ts';
import { enqueueEffects } from './enqueue.ts';
import { type AttemptOutcome, markDead, previousDeaths, recordAttempt } from './job-store.ts';
import { flagForReview } from './review.ts';

export type DeadLetter = {
  job: Job;
  workerId: string;
  error: string;
  latencyMs: number;
  outcome: Extract<AttemptOutcome, 'dead' | 'disabled'>;
  at: Date;
  /** To re-derive the customer's record with the failure (plan catalogue, grace days). */
  review: DeriveContext;
};

/** False when the job was no longer ours (lease lost): then nothing is written. */
export async function deadLetter(tx: Tx, d: DeadLetter): Promise<boolean> {
  const { job } = d;
  const deaths = (await previousDeaths(tx, job.id)) + 1;
  if (!(await markDead(tx, job, d.workerId, d.error))) return false;
  await recordAttempt(tx, job, d.outcome, d.latencyMs, d.error);
  const issueKey = `${job.key}#${deaths}`;
  if (job.stripeCustomerId) await flagForReview(tx, job.stripeCustomerId, { issueKey, at: d.at }, d.review);
  // An alert about a dead alert would go to the same dead target, and its own death would raise
  // another: the loop stops here. The failure is still in the log, the metrics and the review queue.
  if (job.kind !== 'alert.notify') {
    await enqueueEffects(tx, [deadLetterAlert(job, d.error, deaths, issueKey)], d.at);
  }
  return true;
}

function deadLetterAlert(job: Job, error: string, deaths: number, issueKey: string) {
  const who = job.stripeCustomerId ? ` for ${job.stripeCustomerId}` : '';
  return {
    kind: 'alert.notify',
    key: `alert:dead-letter:${job.key}#${deaths}`,
    stripeCustomerId: job.stripeCustomerId,
    payload: {
      severity: 'critical',
      reason: 'effect_dead_letter',
      text: `Effect ${job.kind}${who} was dead-lettered after ${job.attempts} attempt(s) (job ${job.id}, key ${job.key}): ${error}`,
      issueKey: job.stripeCustomerId ? `effect:${issueKey}` : null,
    },
  };
}
