// The database goes away in the middle of a webhook run and comes back. While it is down the route
// answers 5xx (so Stripe retries) and nothing partial is committed; after Stripe's redeliveries every
// event is applied exactly once and every effect is delivered.
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { BillingRecord } from '../../src/billing/record.ts';
import { reduce, type StripeEventLike } from '../../src/billing/reduce.ts';
import { createDb, type DbHandle } from '../../src/db/client.ts';
import { migrateDb } from '../../src/db/migrate.ts';
import { customers, stripeEvents } from '../../src/db/schema/index.ts';
import { startWsProxy, type WsProxy } from '../../src/db/ws-proxy.ts';
import { createDeps, type Deps } from '../../src/deps.ts';
import type { Worker } from '../../src/jobs/worker.ts';
import { type Scenario, scenario, type TestEvent } from '../factories/stripe-events.ts';
import { allJobs, testWorker } from '../fakes/outbox.ts';
import { startTargets, type Targets } from '../fakes/targets.ts';
import { testConfig } from '../support/config.ts';
import { webhookRequest } from '../support/stripe.ts';
import { createPgInstance, type PgInstance } from './pg-instance.ts';

const CUSTOMERS = 20;
const STRIPE_TIMEOUT_MS = 15_000;

/** The promise's value, or `fallback` once `ms` have passed (the promise is left to settle). */
function within<T>(ms: number, p: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

function lifecycles(): Scenario[] {
  const mix = [
    scenario.activeMonthly,
    scenario.renewalFailsThenRecovers,
    scenario.planUpgrade,
    scenario.cancelNow,
  ];
  return Array.from({ length: CUSTOMERS }, (_, i) =>
    mix[i % mix.length]!({ customerId: `cus_chaos_${i}`, authUserId: `user_chaos_${i}` }),
  );
}

/** Round-robin across customers, each customer's events in their true order. */
function interleave(list: Scenario[]): TestEvent[] {
  const out: TestEvent[] = [];
  for (let i = 0; out.length < list.reduce((n, s) => n + s.events.length, 0); i++) {
    for (const s of list) if (s.events[i]) out.push(s.events[i]!);
  }
  return out;
}

describe('database outage during a webhook run', () => {
  let pg: PgInstance;
  let proxy: WsProxy;
  let targets: Targets;
  let handle: DbHandle;
  let deps: Deps;
  let worker: Worker;
  beforeAll(async () => {
    pg = await createPgInstance();
    proxy = await startWsProxy({ host: '127.0.0.1', port: 0 });
    targets = await startTargets();
    const wsProxy = `127.0.0.1:${proxy.port}`;
    const config = testConfig({
      DATABASE_URL: pg.url,
      DATABASE_WS_PROXY: wsProxy,
      LOG_LEVEL: 'silent',
      ...targets.env,
    });
    handle = await createDb({ driver: 'neon', url: pg.url, wsProxy });
    await migrateDb(handle);
    deps = await createDeps(config, { dbHandle: handle });
    worker = testWorker(deps, { leaseMs: 2_000, retryDelay: () => 100 });
    await worker.start();
  });
  afterAll(async () => {
    // A worker stuck on a connection that never comes back must not hold the cleanup hostage.
    await within(10_000, worker?.stop() ?? Promise.resolve(), undefined);
    await within(10_000, handle?.close().catch(() => {}) ?? Promise.resolve(), undefined);
    await targets?.close();
    await proxy?.close();
    await pg?.destroy();
  });

  it('answers 5xx while down, commits nothing partial, and applies every event once after redelivery', async () => {
    const app = createApp(deps);
    const list = lifecycles();
    const events = interleave(list);
    // Stripe gives up on a delivery after a while and retries it later: a hung request is status 0.
    const deliver = (e: TestEvent) =>
      within(
        STRIPE_TIMEOUT_MS,
        Promise.resolve(app.request('/webhooks/stripe', webhookRequest(e))).then((r) => r.status),
        0,
      );
    const third = Math.floor(events.length / 3);
    const failed = new Set<TestEvent>();
    const send = async (batch: TestEvent[]) => {
      const statuses = await Promise.all(batch.map(async (e) => [e, await deliver(e)] as const));
      for (const [e, s] of statuses) if (s !== 200) failed.add(e);
      return statuses.map(([, s]) => s);
    };

    // Up; then the database dies with requests in flight.
    await send(events.slice(0, third));
    const inFlight = send(events.slice(third, third + 20));
    await pg.stop();
    await inFlight;
    // Down: every answer is a 5xx, never a 2xx or a 4xx that would stop Stripe retrying.
    const whileDown = await send(events.slice(third + 20, 2 * third));
    expect(whileDown.length).toBeGreaterThan(0);
    expect(whileDown.filter((s) => s < 500)).toEqual([]);

    await pg.start();
    await expectNoPartialCommit(deps, list);

    await send(events.slice(2 * third));
    // Stripe's redeliveries, until each event has been acknowledged; then every event once more.
    for (let round = 0; failed.size > 0 && round < 10; round++) {
      const retry = [...failed];
      failed.clear();
      await send(retry);
    }
    expect([...failed]).toEqual([]);
    expect((await send(events)).every((s) => s === 200)).toBe(true);

    const stored = await deps.db.select({ id: stripeEvents.id }).from(stripeEvents);
    expect(stored.length).toBe(events.length);
    await expectNoPartialCommit(deps, list);
    for (const s of list) {
      const [row] = await deps.db
        .select()
        .from(customers)
        .where(eq(customers.stripeCustomerId, s.customerId));
      expect(row?.record.subscription?.status ?? null, s.name).toBe(s.expected.status);
    }

    await worker.drain({ timeoutMs: 60_000 });
    const jobs = await allJobs(deps.db);
    expect(jobs.filter((j) => j.status !== 'done')).toEqual([]);
    const emailKeys = jobs.filter((j) => j.kind === 'email.send').map((j) => j.key);
    expect(targets.resend.emails.map((e) => e.idempotencyKey).sort()).toEqual(emailKeys.sort());
    const crmCustomers = new Set(
      jobs.filter((j) => j.kind === 'crm.upsertContact').map((j) => j.stripeCustomerId),
    );
    expect(targets.hubspot.created).toBe(crmCustomers.size);
  });
});

/**
 * Each stored record is exactly what the reducer makes of the events stored for that customer: an
 * event row without its record change (or the reverse) would show as a difference in the facts.
 */
async function expectNoPartialCommit(deps: Deps, list: Scenario[]): Promise<void> {
  const ctx = { catalogue: deps.config.PLAN_CATALOGUE, graceDays: deps.config.PAST_DUE_GRACE_DAYS };
  for (const s of list) {
    const rows = await deps.db
      .select({ payload: stripeEvents.payload })
      .from(stripeEvents)
      .where(eq(stripeEvents.stripeCustomerId, s.customerId))
      .orderBy(asc(stripeEvents.created), asc(stripeEvents.id));
    let expected: BillingRecord | null = null;
    for (const r of rows) expected = reduce(expected, r.payload as StripeEventLike, ctx).record;
    const [row] = await deps.db.select().from(customers).where(eq(customers.stripeCustomerId, s.customerId));
    expect(row?.record.facts ?? null, s.name).toEqual(expected?.facts ?? null);
  }
}
