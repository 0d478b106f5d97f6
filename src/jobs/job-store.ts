// Row-level operations on the outbox. Every state change after the claim is fenced by
// (locked_by, attempts): a worker whose lease expired and whose job was retaken by another worker
// cannot overwrite what that other worker decides.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { effectAttempts, type Job, jobs } from '../db/schema/index.ts';

type Row = Record<string, unknown>;

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const maybeDate = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));

function toJob(r: Row): Job {
  return {
    id: String(r.id),
    kind: String(r.kind),
    key: String(r.key),
    stripeCustomerId: (r.stripe_customer_id as string | null) ?? null,
    payload: r.payload,
    status: String(r.status),
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    runAt: date(r.run_at),
    lockedBy: (r.locked_by as string | null) ?? null,
    lockedUntil: maybeDate(r.locked_until),
    lastError: (r.last_error as string | null) ?? null,
    ackedAt: date(r.acked_at),
    createdAt: date(r.created_at),
    completedAt: maybeDate(r.completed_at),
  };
}

function rowsOf(result: unknown): Row[] {
  return Array.isArray(result) ? (result as Row[]) : ((result as { rows: Row[] }).rows ?? []);
}

/**
 * Claims up to `limit` due jobs: pending ones whose time has come, and running ones whose lease
 * expired (their worker died). SKIP LOCKED lets any number of workers claim side by side without
 * waiting on or double-taking each other's rows. The candidate set is a MATERIALIZED CTE so the
 * LIMIT and the row locks apply exactly once; an `IN (subquery)` may be re-evaluated by the planner
 * and lock more rows than it returns.
 */
export async function claimJobs(db: Db, workerId: string, limit: number, leaseMs: number): Promise<Job[]> {
  const result = await db.execute(sql`
    with next as materialized (
      select id from jobs
      where (status = 'pending' and run_at <= now())
         or (status = 'running' and locked_until < now())
      order by run_at
      limit ${limit}
      for update skip locked
    )
    update jobs set
      status = 'running',
      locked_by = ${workerId},
      locked_until = now() + ${leaseMs} * interval '1 millisecond',
      attempts = jobs.attempts + 1
    from next
    where jobs.id = next.id
    returning jobs.*`);
  return rowsOf(result)
    .map(toJob)
    .sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
}

const heldBy = (job: Job, workerId: string) =>
  and(
    eq(jobs.id, job.id),
    eq(jobs.status, 'running'),
    eq(jobs.lockedBy, workerId),
    eq(jobs.attempts, job.attempts),
  );

const release = { lockedBy: null, lockedUntil: null } as const;
/**
 * Marks the job done and logs the attempt in one statement (no BEGIN/COMMIT round trips: a single
 * statement is atomic). The attempt is logged even when the lease was lost (it did happen); the
 * job row only changes while still ours. True when it was.
 */
export async function completeJob(
  db: DbOrTx,
  job: Job,
  workerId: string,
  outcome: AttemptOutcome,
  latencyMs: number,
): Promise<boolean> {
  const [row] = rowsOf(
    await db.execute(sql`
      with done as (
        update jobs set status = 'done', completed_at = now(), last_error = null,
                        locked_by = null, locked_until = null
        where ${fence(job, workerId)}
        returning id)
      insert into effect_attempts (job_id, kind, key, attempt, outcome, latency_ms, error)
      select ${job.id}, ${job.kind}, ${job.key}, ${job.attempts}, ${outcome}, ${ms(latencyMs)},
             case when exists (select 1 from done) then null else 'lease lost before completion' end
      returning (select count(*) from done)::int as held`),
  );
  return Number(row?.held ?? 0) > 0;
}

/** Back to pending, due after `delayMs`, with the attempt logged; one statement, as completeJob. */
export async function retryJob(
  db: DbOrTx,
  job: Job,
  workerId: string,
  delayMs: number,
  error: string,
  latencyMs: number,
): Promise<boolean> {
  const [row] = rowsOf(
    await db.execute(sql`
      with moved as (
        update jobs set status = 'pending', run_at = now() + ${ms(delayMs)} * interval '1 millisecond',
                        last_error = ${error}, locked_by = null, locked_until = null
        where ${fence(job, workerId)}
        returning id)
      insert into effect_attempts (job_id, kind, key, attempt, outcome, latency_ms, error)
      values (${job.id}, ${job.kind}, ${job.key}, ${job.attempts}, 'retry', ${ms(latencyMs)}, ${error})
      returning (select count(*) from moved)::int as held`),
  );
  return Number(row?.held ?? 0) > 0;
}

const ms = (v: number) => Math.max(0, Math.round(v));

const fence = (job: Job, workerId: string) =>
  sql`id = ${job.id} and status = 'running' and locked_by = ${workerId} and attempts = ${job.attempts}`;

export async function markDead(tx: DbOrTx, job: Job, workerId: string, error: string): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set({ status: 'dead', lastError: error, ...release })
    .where(heldBy(job, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export type AttemptOutcome = 'delivered' | 'recorded_locally' | 'retry' | 'dead' | 'disabled';

export async function recordAttempt(
  tx: DbOrTx,
  job: Job,
  outcome: AttemptOutcome,
  latencyMs: number,
  error: string | null = null,
): Promise<void> {
  await tx.insert(effectAttempts).values({
    jobId: job.id,
    kind: job.kind,
    key: job.key,
    attempt: job.attempts,
    outcome,
    latencyMs: ms(latencyMs),
    error,
  });
}

/** How many times this job has been dead-lettered before (re-drives reset attempts, not history). */
export async function previousDeaths(tx: DbOrTx, jobId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(effectAttempts)
    .where(and(eq(effectAttempts.jobId, jobId), sql`${effectAttempts.outcome} in ('dead', 'disabled')`));
  return Number(row?.n ?? 0);
}

export type OutboxStats = { depth: number; oldestAgeSeconds: number };

/** Waiting work, for the outbox gauges: pending or running jobs and the age of the oldest. */
export async function outboxStats(db: Db): Promise<OutboxStats> {
  const [row] = rowsOf(
    await db.execute(sql`
      select count(*)::int as depth,
             coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age
      from jobs where status in ('pending', 'running')`),
  );
  return { depth: Number(row?.depth ?? 0), oldestAgeSeconds: Number(row?.age ?? 0) };
}

/** True while any job is pending or running (drain's stop condition). */
export async function hasOutstandingJobs(db: Db): Promise<boolean> {
  const [row] = rowsOf(
    await db.execute(sql`select exists (select 1 from jobs where status in ('pending', 'running')) as any`),
  );
  return row?.any === true;
}
