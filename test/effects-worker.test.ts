import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { jobs } from '../src/db/schema/index.ts';
import { DeliveryError, type Handler } from '../src/jobs/delivery.ts';
import { claimJobs, completeJob } from '../src/jobs/job-store.ts';
import { scenario } from './factories/stripe-events.ts';
import {
  allJobs,
  attemptsOf,
  enqueueAlerts,
  ingestAll,
  localLog,
  metricSum,
  testWorker,
  uniformAdapters,
} from './fakes/outbox.ts';
import { describeEachDriver } from './support/harness.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDriver('outbox worker', (h) => {
  it('claims a due job, delivers it, marks it done and logs the attempt with its latency', async () => {
    const { deps } = h();
    const [key] = await enqueueAlerts(deps.db, 1);
    await testWorker(deps).drain();
    const [job] = await allJobs(deps.db);
    expect(job).toMatchObject({ key, status: 'done', attempts: 1, lockedBy: null, lastError: null });
    expect(job?.completedAt).toBeInstanceOf(Date);
    const attempts = await attemptsOf(deps.db, job!.id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ key, attempt: 1, outcome: 'recorded_locally', error: null });
    expect(attempts[0]?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('records every effect in local_deliveries when no target is configured, dropping none', async () => {
    const { deps } = h();
    const s = scenario.activeMonthly({ customerId: 'cus_local', renewals: 1 });
    await ingestAll(deps, s.events);
    const before = await metricSum(deps.metrics.effectOutcomes, { outcome: 'recorded_locally' });
    await testWorker(deps).drain();
    const all = await allJobs(deps.db);
    expect(all.length).toBeGreaterThanOrEqual(3); // CRM create + two payment confirmations
    expect(all.every((j) => j.status === 'done')).toBe(true);
    const local = await localLog(deps.db);
    expect(local.map((l) => l.key).sort()).toEqual(all.map((j) => j.key).sort());
    const after = await metricSum(deps.metrics.effectOutcomes, { outcome: 'recorded_locally' });
    expect(after - before).toBe(all.length);
  });

  it('observes the lag from webhook ack to delivery in the event-lag histogram, per kind', async () => {
    const { deps } = h();
    await ingestAll(deps, scenario.activeMonthly({ customerId: 'cus_lag' }).events);
    const count = (kind: string) =>
      metricSum(deps.metrics.eventLag, { kind }, 'ledgerdesk_event_lag_seconds_count');
    const [crm, email] = [await count('crm.upsertContact'), await count('email.send')];
    await testWorker(deps).drain();
    const done = await allJobs(deps.db);
    const ofKind = (kind: string) => done.filter((j) => j.kind === kind && j.status === 'done').length;
    expect(ofKind('crm.upsertContact')).toBeGreaterThan(0);
    expect((await count('crm.upsertContact')) - crm).toBe(ofKind('crm.upsertContact'));
    expect((await count('email.send')) - email).toBe(ofKind('email.send'));
    const sum = await metricSum(deps.metrics.eventLag, {}, 'ledgerdesk_event_lag_seconds_sum');
    expect(sum).toBeGreaterThan(0);
  });

  it('never lets two workers draining at the same time run the same job', async () => {
    const { deps } = h();
    const keys = await enqueueAlerts(deps.db, 60);
    const runs = new Map<string, string[]>();
    const counting = (worker: string): Handler =>
      uniformAdapters(async ({ job }) => {
        runs.set(job.key, [...(runs.get(job.key) ?? []), worker]);
        await sleep(2);
        return { outcome: 'delivered' };
      })['alert.notify'];
    const a = testWorker(deps, { workerId: 'a', adapters: uniformAdapters(counting('a')) });
    const b = testWorker(deps, { workerId: 'b', adapters: uniformAdapters(counting('b')) });
    await Promise.all([a.drain(), b.drain()]);
    expect([...runs.keys()].sort()).toEqual([...keys].sort());
    expect([...runs.values()].filter((r) => r.length !== 1)).toEqual([]);
    expect((await allJobs(deps.db)).every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
  });

  it('retakes a job after the lease of the worker that claimed it expires, and not before', async () => {
    const { deps } = h();
    await enqueueAlerts(deps.db, 1);
    // A worker that claims and then dies: its row stays 'running' with a short lease.
    const [orphan] = await claimJobs(deps.db, 'dead-worker', 1, 300);
    expect(orphan?.status).toBe('running');
    expect(await claimJobs(deps.db, 'other', 1, 300)).toEqual([]);
    await sleep(350);
    await testWorker(deps, { workerId: 'rescuer' }).drain();
    const [job] = await allJobs(deps.db);
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
    const attempts = await attemptsOf(deps.db, job!.id);
    expect(attempts.map((a) => a.attempt)).toEqual([2]);
  });

  it('does not let a worker whose lease expired overwrite the outcome of the worker that retook the job', async () => {
    const { deps } = h();
    await enqueueAlerts(deps.db, 1);
    const [slow] = await claimJobs(deps.db, 'slow', 1, 50);
    await sleep(80);
    const [fast] = await claimJobs(deps.db, 'fast', 1, 5_000);
    expect(fast?.id).toBe(slow?.id);
    expect(await completeJob(deps.db, slow!, 'slow', 'delivered', 10)).toBe(false);
    const [row] = await deps.db.select().from(jobs).where(eq(jobs.id, slow!.id));
    expect(row).toMatchObject({ status: 'running', lockedBy: 'fast', attempts: 2 });
    expect(await completeJob(deps.db, fast!, 'fast', 'delivered', 10)).toBe(true);
    const attempts = await attemptsOf(deps.db, slow!.id);
    expect(attempts.map((a) => [a.attempt, a.error])).toEqual([
      [1, 'lease lost before completion'],
      [2, null],
    ]);
  });

  it('retries a failed delivery after a backoff delay, then succeeds, logging every attempt', async () => {
    const { deps } = h();
    await enqueueAlerts(deps.db, 1);
    let calls = 0;
    const flaky = uniformAdapters(async () => {
      calls += 1;
      if (calls <= 2) throw DeliveryError.retry(`target down (${calls})`);
      return { outcome: 'delivered' };
    });
    const worker = testWorker(deps, { adapters: flaky, retryDelay: () => 400 });
    const started = Date.now();
    await worker.drain();
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    const [job] = await allJobs(deps.db);
    expect(job).toMatchObject({ status: 'done', attempts: 3, lastError: null });
    const attempts = await attemptsOf(deps.db, job!.id);
    expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'retry'],
      [2, 'retry'],
      [3, 'delivered'],
    ]);
    expect(attempts[0]?.error).toContain('target down (1)');
  });

  it('dead-letters a permanent failure at once, without spending the retry budget', async () => {
    const { deps } = h();
    await enqueueAlerts(deps.db, 1);
    const refusing = uniformAdapters(async () => {
      throw DeliveryError.permanent('HTTP 400 invalid_payload');
    });
    const before = await metricSum(deps.metrics.deadLetters, { kind: 'alert.notify' });
    await testWorker(deps, { adapters: refusing }).drain();
    const [job] = await allJobs(deps.db);
    expect(job).toMatchObject({ status: 'dead', attempts: 1, lastError: 'HTTP 400 invalid_payload' });
    expect((await metricSum(deps.metrics.deadLetters, { kind: 'alert.notify' })) - before).toBe(1);
  });

  it('picks up a job enqueued while it runs within a second, and stop() waits for the job in flight', async () => {
    const { deps } = h();
    let finished = 0;
    const slow = uniformAdapters(async () => {
      await sleep(300);
      finished += 1;
      return { outcome: 'delivered' };
    });
    // A listen-poll of a minute: on the neon driver only NOTIFY can wake the worker in time.
    const worker = testWorker(deps, { adapters: slow, pollMs: 25, listenPollMs: 60_000 });
    await worker.start();
    await sleep(h().driver === 'neon' ? 500 : 50); // the listener connects
    expect(worker.listening).toBe(h().driver === 'neon');
    const enqueuedAt = Date.now();
    await enqueueAlerts(deps.db, 1);
    while ((await deps.db.select().from(jobs).where(eq(jobs.status, 'running'))).length === 0) {
      expect(Date.now() - enqueuedAt).toBeLessThan(1_000);
      await sleep(5);
    }
    await worker.stop();
    expect(finished).toBe(1);
    expect((await allJobs(deps.db))[0]?.status).toBe('done');
  });
});
