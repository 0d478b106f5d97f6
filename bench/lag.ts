// npm run bench:lag — ack -> effect lag under load: signed events at a fixed rate (open loop)
// against the real server (in-process outbox worker) on real PostgreSQL, with the loopback fake
// targets (HubSpot, Resend, Slack, handoff receiver) answering at once. The lag of each job is
// completed_at - acked_at, read from the outbox after the run; nothing here asserts.
import { sql } from 'drizzle-orm';
import { createDb } from '../src/db/client.ts';
import { SCENARIO_NAMES, scenario, type TestEvent } from '../test/factories/stripe-events.ts';
import { startTargets } from '../test/fakes/targets.ts';
import {
  machine,
  openLoop,
  percentile,
  type Shot,
  signedWebhookShot,
  startServerProcess,
  summarize,
  throwawayDatabase,
} from './support.ts';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
// 16 is the setting recommended for production (src/jobs/README.md): the worker is latency-bound,
// so slots, not CPU, set its throughput. BENCH_WORKER_CONCURRENCY=4 measures the current default.
const CONCURRENCY = process.env.BENCH_WORKER_CONCURRENCY ?? '16';

/** Whole lifecycles (so effects fire as in production), customers interleaved, ids unique per run. */
function events(n: number, tag: string): TestEvent[] {
  const lives: TestEvent[][] = [];
  for (let c = 0, total = 0; total < n; c++) {
    const name = SCENARIO_NAMES[c % SCENARIO_NAMES.length]!;
    const life = scenario[name]({ customerId: `cus_l${tag}x${c}`, authUserId: `user_l${tag}x${c}` }).events;
    lives.push(life);
    total += life.length;
  }
  const out: TestEvent[] = [];
  for (let i = 0; out.length < n; i++)
    for (const life of lives) if (life[i] && out.length < n) out.push(life[i]!);
  return out;
}

function sign(list: TestEvent[]): Shot[] {
  const timestamp = Math.floor(Date.now() / 1000);
  return list.map((e) => signedWebhookShot(e, timestamp));
}

type LagRow = { kind: string; lag_ms: number; handler_ms: number; wait_ms: number };

const db = await throwawayDatabase();
const targets = await startTargets();
const server = await startServerProcess({
  DATABASE_URL: db.url,
  DATABASE_WS_PROXY: `127.0.0.1:${db.proxy.port}`,
  WORKER_ENABLED: 'true',
  WORKER_CONCURRENCY: CONCURRENCY,
  ...targets.env,
});
const reader = await createDb({ driver: 'neon', url: db.url, wsProxy: `127.0.0.1:${db.proxy.port}`, max: 2 });
console.log(`# bench:lag — ${machine()}`);
console.log(
  `# server: src/server.ts with its in-process worker (concurrency ${CONCURRENCY}, LISTEN/NOTIFY), Neon driver -> loopback WebSocket proxy -> PostgreSQL; fake targets on loopback`,
);
try {
  await openLoop(server.url, sign(events(RATE * 5, 'warm')), RATE); // JIT, pools, listener
  await waitForOutbox();
  // Only the measured run's jobs count (no TRUNCATE: its exclusive lock would stall the worker).
  const [start] = rowsOf<{ at: string }>(await reader.db.execute(sql`select now()::text as at`));
  const cpu0 = server.cpuMs();
  const t0 = performance.now();
  const result = await openLoop(server.url, sign(events(RATE * SECONDS, 'run')), RATE);
  await waitForOutbox();
  const busy = (server.cpuMs() - cpu0) / (performance.now() - t0);
  const rows = rowsOf<LagRow>(
    await reader.db.execute(sql`
      select j.kind, extract(epoch from j.completed_at - j.acked_at) * 1000 as lag_ms, a.latency_ms as handler_ms,
             extract(epoch from a.at - j.acked_at) * 1000 - a.latency_ms as wait_ms
      from jobs j join effect_attempts a on a.job_id = j.id and a.attempt = j.attempts
      where j.status = 'done' and j.acked_at >= ${start?.at}::timestamptz`),
  );
  const table = [
    lagRow('all', rows),
    ...['crm.upsertContact', 'email.send', 'alert.notify'].map((k) =>
      lagRow(
        k,
        rows.filter((r) => r.kind === k),
      ),
    ),
  ];
  console.log('\nwebhook ack latency at this rate:');
  console.table([summarize(result)]);
  console.log(`\nserver CPU while it ran: ${(busy * 100).toFixed(0)}% of one core`);
  console.log('\nack -> effect delivered (completed_at - acked_at):');
  console.table(table);
} finally {
  await reader.close();
  await server.stop();
  await targets.close();
  await db.drop();
}

function lagRow(kind: string, rows: LagRow[]) {
  const s = rows.map((r) => Number(r.lag_ms)).sort((a, b) => a - b);
  const f = (v: number) => Number(v.toFixed(1));
  return {
    kind,
    effects: s.length,
    p50_ms: f(percentile(s, 50)),
    p95_ms: f(percentile(s, 95)),
    p99_ms: f(percentile(s, 99)),
    max_ms: f(s[s.length - 1] ?? Number.NaN),
    // Where the time went: in the handler (target call and its reads), or before it (queue, claim).
    handler_p50_ms: f(
      percentile(
        rows.map((r) => Number(r.handler_ms)).sort((a, b) => a - b),
        50,
      ),
    ),
    waited_p50_ms: f(
      percentile(
        rows.map((r) => Number(r.wait_ms)).sort((a, b) => a - b),
        50,
      ),
    ),
  };
}

async function waitForOutbox(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [row] = rowsOf<{ n: number }>(
      await reader.db.execute(
        sql`select count(*)::int as n from jobs where status in ('pending', 'running')`,
      ),
    );
    if (Number(row?.n ?? 0) === 0) return;
    if (Date.now() > deadline) throw new Error('outbox did not drain in 120 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
