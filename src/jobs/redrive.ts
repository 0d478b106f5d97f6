// Re-driving dead letters: back to pending with a fresh budget, due now. The history of earlier
// attempts stays in effect_attempts; the support API will audit who re-drove what.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { type Job, jobs } from '../db/schema/index.ts';
import { JOBS_CHANNEL } from './enqueue.ts';

export type RedriveResult =
  | { outcome: 'redriven'; job: Job }
  | { outcome: 'not_found' }
  | { outcome: 'not_dead'; status: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fresh = {
  status: 'pending',
  attempts: 0,
  runAt: sql`now()`,
  lockedBy: null,
  lockedUntil: null,
} as const;

export async function redriveJob(db: DbOrTx, id: string): Promise<RedriveResult> {
  // Not a uuid cannot be a job; asking PostgreSQL would fail the statement instead.
  if (!UUID.test(id)) return { outcome: 'not_found' };
  const [job] = await db
    .update(jobs)
    .set(fresh)
    .where(and(eq(jobs.id, id), eq(jobs.status, 'dead')))
    .returning();
  if (job) {
    await wakeWorkers(db);
    return { outcome: 'redriven', job };
  }
  const [other] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, id));
  return other ? { outcome: 'not_dead', status: other.status } : { outcome: 'not_found' };
}

/** Every dead job at once (after a target's outage is over); the number re-driven. */
export async function redriveAllDead(db: DbOrTx): Promise<number> {
  const rows = await db.update(jobs).set(fresh).where(eq(jobs.status, 'dead')).returning({ id: jobs.id });
  if (rows.length > 0) await wakeWorkers(db);
  return rows.length;
}

export async function listJobs(db: DbOrTx, opts: { status?: string; limit?: number } = {}): Promise<Job[]> {
  return db
    .select()
    .from(jobs)
    .where(opts.status ? eq(jobs.status, opts.status) : undefined)
    .orderBy(desc(jobs.createdAt))
    .limit(opts.limit ?? 50);
}

async function wakeWorkers(db: DbOrTx): Promise<void> {
  await db.execute(sql`select pg_notify(${JOBS_CHANNEL}, '')`);
}
