// Acceptance: a worker *process* killed with SIGKILL in the middle of a run. Its claimed jobs stay
// 'running' until their lease expires; another worker retakes them; nothing is lost and the targets
// that honour keys (HubSpot upsert by e-mail, Resend Idempotency-Key, handoff webhook-id) see no
// duplicate. Runs on real PostgreSQL through the Neon driver: a second process needs a shared database.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, gte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../src/db/schema/index.ts';
import type { Deps } from '../src/deps.ts';
import { scenario } from './factories/stripe-events.ts';
import { allJobs, enqueueHandoff, ingestAll, testWorker } from './fakes/outbox.ts';
import { startTargets, type Targets } from './fakes/targets.ts';
import { createHarness, driverAvailable, type Harness } from './support/harness.ts';
import { spawnWorkerProcess } from './support/worker-process.ts';

const CUSTOMERS = 30;
const LEASE_MS = 1_500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!driverAvailable('neon'))('worker crash [neon]', () => {
  let h: Harness;
  let t: Targets;
  let dataDir: string;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    h = await createHarness({ driver: 'neon', logLevel: 'warn' });
    t = await startTargets();
    dataDir = mkdtempSync(join(tmpdir(), 'ledgerdesk-crash-'));
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await t?.close();
    await h?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function startChildWorker(): { child: ChildProcess; stderr: string[] } {
    return spawnWorkerProcess({
      databaseUrl: h.databaseUrl,
      dataDir,
      args: ['--id', 'crash-child', '--lease-ms', String(LEASE_MS)],
      env: { WORKER_CONCURRENCY: '8', ...t.env },
    });
  }

  it('retakes the jobs of a SIGKILLed worker after their lease; nothing lost, nothing doubled', async () => {
    const deps: Deps = { ...h.deps, config: t.config(h.deps.config) };
    for (let i = 0; i < CUSTOMERS; i++) {
      const id = String(i).padStart(2, '0');
      await ingestAll(deps, scenario.activeMonthly({ customerId: `cus_crash_${id}` }).events);
      await enqueueHandoff(h.deps.db, `handoff.deliver:cus_crash_${id}:t1`, null, { threadId: `t_${id}` });
    }
    // Every target does the work, then answers slowly: a kill lands between the two.
    for (const fake of [t.hubspot, t.resend, t.slack, t.handoff]) fake.faults.delayMs = 150;
    const started = startChildWorker();
    child = started.child;
    const seen = () => t.hubspot.calls.length + t.resend.requests + t.handoff.requests;
    const deadline = Date.now() + 30_000;
    while (seen() < 20) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(started.stderr.join(''));
      await sleep(10);
    }
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));

    const orphaned = await h.deps.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.status, 'running'), eq(jobs.lockedBy, 'crash-child')));
    expect(orphaned.length).toBeGreaterThan(0);
    for (const fake of [t.hubspot, t.resend, t.slack, t.handoff]) fake.faults.delayMs = 0;

    await testWorker(deps, { workerId: 'rescuer' }).drain({ timeoutMs: 60_000 });
    const all = await allJobs(h.deps.db);
    expect(all.filter((j) => j.status !== 'done')).toEqual([]);
    const retaken = await h.deps.db.select().from(jobs).where(gte(jobs.attempts, 2));
    expect(retaken.map((j) => j.id).sort()).toEqual(expect.arrayContaining(orphaned.map((j) => j.id).sort()));

    expect(t.hubspot.created).toBe(CUSTOMERS);
    const emailKeys = all.filter((j) => j.kind === 'email.send').map((j) => j.key);
    expect(t.resend.emails.map((e) => e.idempotencyKey).sort()).toEqual(emailKeys.sort());
    expect(t.handoff.rejected).toBe(0);
    expect(t.handoff.deliveries).toHaveLength(CUSTOMERS);
  }, 120_000);
});
