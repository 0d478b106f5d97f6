// `npm run worker` as its own process with WORKER_METRICS_PORT: its own /metrics (the effect
// counters are counted where effects are delivered) behind METRICS_TOKEN, and /healthz. Real
// PostgreSQL through the Neon driver, as a separate worker process needs a shared database.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../src/deps.ts';
import { scenario } from './factories/stripe-events.ts';
import { ingestAll } from './fakes/outbox.ts';
import { startTargets, type Targets } from './fakes/targets.ts';
import { TEST_SECRETS } from './support/config.ts';
import { createHarness, driverAvailable, type Harness } from './support/harness.ts';
import { freePort } from './support/server-process.ts';
import { spawnWorkerProcess } from './support/worker-process.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!driverAvailable('neon'))('standalone worker metrics [neon]', () => {
  let h: Harness;
  let t: Targets;
  let dataDir: string;
  let child: ChildProcess | undefined;
  let url: string;
  let stderr: string[] = [];
  beforeAll(async () => {
    h = await createHarness({ driver: 'neon', logLevel: 'warn' });
    t = await startTargets();
    dataDir = mkdtempSync(join(tmpdir(), 'ledgerdesk-worker-metrics-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const started = spawnWorkerProcess({
      databaseUrl: h.databaseUrl,
      dataDir,
      args: ['--id', 'metrics-child'],
      env: { METRICS_TOKEN: TEST_SECRETS.METRICS_TOKEN, WORKER_METRICS_PORT: String(port), ...t.env },
    });
    child = started.child;
    stderr = started.stderr;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`worker: ${stderr.join('')}`);
      if ((await fetch(`${url}/healthz`).catch(() => null))?.ok) break;
      await sleep(100);
    }
  }, 60_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await t?.close();
    await h?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const scrape = (token?: string) =>
    fetch(`${url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('serves /healthz, and /metrics only with the metrics token', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true, role: 'worker' });
    for (const res of [
      await scrape(),
      await scrape('not-the-token-0123456789'),
      await scrape(TEST_SECRETS.HOST_API_KEY),
    ]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    }
    const ok = await scrape(TEST_SECRETS.METRICS_TOKEN);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^ledgerdesk_outbox_depth \d+$/m);
    expect((await fetch(`${url}/nope`)).status).toBe(404);
  });

  it('counts the effects this process delivers', async () => {
    const delivered = async () => {
      const text = await (await scrape(TEST_SECRETS.METRICS_TOKEN)).text();
      return [
        ...text.matchAll(/^ledgerdesk_effect_outcomes_total\{[^}]*outcome="delivered"[^}]*\} (\S+)$/gm),
      ].reduce((n, m) => n + Number(m[1]), 0);
    };
    expect(await delivered()).toBe(0);
    const deps: Deps = { ...h.deps, config: t.config(h.deps.config) };
    await ingestAll(deps, scenario.activeMonthly({ customerId: 'cus_wm_1' }).events);
    const deadline = Date.now() + 30_000;
    while ((await delivered()) === 0) {
      if (Date.now() > deadline || child?.exitCode !== null)
        throw new Error(`no delivery: ${stderr.join('')}`);
      await sleep(100);
    }
    // Only the child delivers here (this test process runs no worker), so what it counts, it did.
    expect(t.hubspot.calls.length + t.resend.requests + t.handoff.requests).toBeGreaterThan(0);
  }, 60_000);

  it('stops listening and exits 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 30_000);
});
