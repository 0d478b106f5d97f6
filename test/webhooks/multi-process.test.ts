// Two server processes on one real PostgreSQL, each taking half of a shuffled, triplicated storm of
// events for the same customers at the same time: per-customer row locks must hold across processes.
import { Pool } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_PLAN_CATALOGUE } from '../../src/billing/plans.ts';
import type { BillingRecord } from '../../src/billing/record.ts';
import { customerIdOf, paymentRefsOf, reduce } from '../../src/billing/reduce.ts';
import { applyNeonLocalConfigToPool, neonLocalConfig } from '../../src/db/ws-proxy.ts';
import { SCENARIO_NAMES, scenario, type TestEvent } from '../factories/stripe-events.ts';
import {
  type BenchDb,
  PROCESS_SECRETS,
  type ServerProc,
  startServerProcess,
  throwawayDatabase,
} from '../support/server-process.ts';
import { signPayload } from '../support/stripe.ts';

/** Applies each customer's events in true order with the pure reducer (disputes found by their payment). */
function trueFinalRecords(events: TestEvent[]): Map<string, BillingRecord> {
  const out = new Map<string, BillingRecord>();
  for (const e of events) {
    const refs = paymentRefsOf(e);
    const seen = (r: BillingRecord) =>
      r.facts.payments.some(
        (p) =>
          (p.chargeId && p.chargeId === refs.chargeId) ||
          (p.paymentIntentId && p.paymentIntentId === refs.paymentIntentId),
      );
    const id = customerIdOf(e) ?? [...out.values()].find(seen)?.stripeCustomerId ?? 'unknown';
    const r = reduce(out.get(id) ?? null, e, { catalogue: DEFAULT_PLAN_CATALOGUE, graceDays: 7 });
    if (r.outcome !== 'ignored') out.set(r.record.stripeCustomerId, r.record);
  }
  return out;
}

function shuffle<T>(xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function send(server: ServerProc, events: TestEvent[], concurrency: number): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const workerLoop = async () => {
    while (next < events.length) {
      const e = events[next++]!;
      const body = JSON.stringify(e);
      const res = await fetch(`${server.url}/webhooks/stripe`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': signPayload(body, { secret: PROCESS_SECRETS.STRIPE_WEBHOOK_SECRET }),
        },
        body,
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, workerLoop));
  return statuses;
}

describe.skipIf(!inject('pgAvailable'))('two server processes on one PostgreSQL', () => {
  let db: BenchDb;
  let servers: ServerProc[] = [];
  beforeAll(async () => {
    db = await throwawayDatabase();
    const env = {
      DATABASE_URL: db.url,
      DATABASE_WS_PROXY: `127.0.0.1:${db.proxy.port}`,
      WORKER_ENABLED: 'false',
    };
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.drop();
  });

  it('reach the true final records from a shuffled, triplicated storm split between them', async () => {
    // Every lifecycle twice, each for its own customer (ids derive from the customer id).
    const events: TestEvent[] = [0, 1].flatMap((k) =>
      SCENARIO_NAMES.flatMap(
        (name, i) => scenario[name]({ customerId: `cus_mp${k}x${i}`, authUserId: `user_mp${k}x${i}` }).events,
      ),
    );
    const truth = trueFinalRecords(events);
    const storm = shuffle([...events, ...events, ...events]);
    const half = Math.ceil(storm.length / 2);
    const [a, b] = await Promise.all([
      send(servers[0]!, storm.slice(0, half), 8),
      send(servers[1]!, storm.slice(half), 8),
    ]);
    expect([...a, ...b].filter((s) => s !== 200)).toEqual([]);

    const pool = applyNeonLocalConfigToPool(
      new Pool({ connectionString: db.url, max: 1 }),
      neonLocalConfig(db.proxy.port),
    );
    const { rows } = await pool.query<{ stripe_customer_id: string; record: BillingRecord }>(
      'select stripe_customer_id, record from customers',
    );
    const { rows: counts } = await pool.query<{ n: number }>('select count(*)::int as n from stripe_events');
    await pool.end();
    expect(counts[0]?.n).toBe(events.length);
    expect(rows.length).toBe(truth.size);
    for (const row of rows)
      expect(row.record, row.stripe_customer_id).toEqual(truth.get(row.stripe_customer_id));
  }, 120_000);
});
