// Reading the outbox and its logs in tests, and a worker tuned for tests (short backoff).
import { asc, eq } from 'drizzle-orm';
import type { StripeEventLike } from '../../src/billing/reduce.ts';
import type { Db } from '../../src/db/client.ts';
import { customers, effectAttempts, jobs, localDeliveries } from '../../src/db/schema/index.ts';
import type { Deps } from '../../src/deps.ts';
import { createAdapters } from '../../src/jobs/adapters.ts';
import type { Adapters } from '../../src/jobs/delivery.ts';
import { enqueueEffects } from '../../src/jobs/enqueue.ts';
import { createWorker, type WorkerOptions } from '../../src/jobs/worker.ts';
import { ingestEvent } from '../../src/webhooks/ingest.ts';

export function testWorker(deps: Deps, opts: Partial<WorkerOptions> = {}) {
  return createWorker(deps, {
    adapters: opts.adapters ?? createAdapters(deps),
    concurrency: 4,
    leaseMs: 5_000,
    pollMs: 10,
    retryDelay: () => 5,
    ...opts,
  });
}

export const allJobs = (db: Db) => db.select().from(jobs).orderBy(asc(jobs.createdAt), asc(jobs.key));
export const jobsOfKind = (db: Db, kind: string) =>
  db.select().from(jobs).where(eq(jobs.kind, kind)).orderBy(asc(jobs.createdAt));
export const attemptsOf = (db: Db, jobId: string) =>
  db.select().from(effectAttempts).where(eq(effectAttempts.jobId, jobId)).orderBy(asc(effectAttempts.id));
export const localLog = (db: Db) => db.select().from(localDeliveries).orderBy(asc(localDeliveries.id));

export async function customerRow(db: Db, stripeCustomerId: string) {
  const [row] = await db.select().from(customers).where(eq(customers.stripeCustomerId, stripeCustomerId));
  if (!row) throw new Error(`no customer ${stripeCustomerId}`);
  return row;
}

export async function ingestAll(deps: Deps, events: StripeEventLike[]): Promise<void> {
  for (const e of events) await ingestEvent(deps, e);
}

/** Adapters that run `fn` for every kind (tests about the worker, not the targets). */
export function uniformAdapters(fn: Adapters['alert.notify']): Adapters {
  return { 'crm.upsertContact': fn, 'email.send': fn, 'alert.notify': fn, 'handoff.deliver': fn };
}

let seq = 0;
/** n alert jobs with unique keys (the simplest valid payload), enqueued now. */
export async function enqueueAlerts(db: Db, n: number, stripeCustomerId: string | null = null) {
  const effects = Array.from({ length: n }, () => ({
    kind: 'alert.notify',
    key: `alert:test:${process.pid}:${++seq}`,
    stripeCustomerId,
    payload: { severity: 'warning', reason: 'test', text: `test alert ${seq}`, issueKey: null },
  }));
  await enqueueEffects(db, effects, new Date());
  return effects.map((e) => e.key);
}

export async function enqueueHandoff(db: Db, key: string, stripeCustomerId: string | null, data: object) {
  await enqueueEffects(db, [{ kind: 'handoff.deliver', key, stripeCustomerId, payload: data }], new Date());
}

type Metric = { get(): Promise<{ values: { value: number; labels: object; metricName?: string }[] }> };

/** The sum of a metric's values whose labels include `labels` (histograms: pick `name`, e.g. _count). */
export async function metricSum(
  metric: Metric,
  labels: Record<string, string>,
  name?: string,
): Promise<number> {
  const { values } = await metric.get();
  return values
    .filter((v) => (name ? v.metricName === name : true))
    .filter((v) =>
      Object.entries(labels).every(([k, want]) => (v.labels as Record<string, unknown>)[k] === want),
    )
    .reduce((n, v) => n + v.value, 0);
}
