// Shared by the benchmarks: an open-loop load generator and the figures it reports.
// Benchmarks print what they measured; nothing here asserts.
import { readFileSync, writeFileSync } from 'node:fs';
import Stripe from 'stripe';
import { Agent, request } from 'undici';
import { paymentRefsOf, type StripeEventLike } from '../src/billing/reduce.ts';
import { SCENARIO_NAMES, scenario, type TestEvent } from '../test/factories/stripe-events.ts';
import {
  type BenchDb,
  cpuSampler,
  PROCESS_SECRETS,
  type ServerProc,
} from '../test/support/server-process.ts';

export * from '../test/support/server-process.ts';

/** A request to send; a body is kept as a Buffer, off the generator's heap (see openLoop). */
export type Shot = { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: Buffer };
export type RunResult = {
  rate: number;
  sent: number;
  latencies: number[];
  statuses: Record<string, number>;
  seconds: number;
};

/**
 * Open loop: request i is due at start + i/rate whether or not earlier ones have answered, and its
 * latency runs from that scheduled time, so queueing delay counts (no coordinated omission).
 */
export async function openLoop(baseUrl: string, shots: Shot[], rate: number): Promise<RunResult> {
  const agent = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });
  const statuses: Record<string, number> = {};
  const start = performance.now() + 50;
  // The generator's own garbage collections show up as latency, so it keeps its heap small: bodies
  // are Buffers (off the heap), and requests in flight are counted, not kept (holding every request's
  // promise until the end made its collections take 10+ ms).
  const latencies = new Float64Array(shots.length);
  let outstanding = shots.length;
  let allDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  for (let i = 0; i < shots.length; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const shot = shots[i]!;
    // Latency runs from the due time, so a late send (a busy generator, a late timer) counts as
    // queueing. Timers fire in whole milliseconds, so a request may also leave up to 1 ms early:
    // latency then runs from when it really left, never from a due time it beat.
    const from = Math.min(due, performance.now());
    request(`${baseUrl}${shot.path}`, {
      method: shot.method,
      headers: shot.headers,
      body: shot.body,
      dispatcher: agent,
    })
      .then(async (res) => {
        await res.body.dump();
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      })
      .catch((err: Error) => {
        statuses[err.name] = (statuses[err.name] ?? 0) + 1;
      })
      .finally(() => {
        latencies[i] = performance.now() - from;
        if (--outstanding === 0) allDone();
      });
  }
  if (shots.length > 0) await done;
  await agent.close();
  return {
    rate,
    sent: shots.length,
    latencies: [...latencies],
    statuses,
    seconds: (performance.now() - start) / 1000,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarize(r: RunResult): Record<string, string | number> {
  const s = [...r.latencies].sort((a, b) => a - b);
  const f = (v: number) => Number(v.toFixed(2));
  return {
    rate: r.rate,
    sent: r.sent,
    p50_ms: f(percentile(s, 50)),
    p95_ms: f(percentile(s, 95)),
    p99_ms: f(percentile(s, 99)),
    max_ms: f(s[s.length - 1] ?? Number.NaN),
    statuses: JSON.stringify(r.statuses),
  };
}

const stripe = new Stripe('sk_test_unused');

/** A Stripe event as Stripe would deliver it: the raw body and its Stripe-Signature, signed now. */
export function signedWebhookShot(event: unknown, timestamp = Math.floor(Date.now() / 1000)): Shot {
  const body = JSON.stringify(event);
  const header = stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: PROCESS_SECRETS.STRIPE_WEBHOOK_SECRET,
    timestamp,
  });
  return {
    method: 'POST',
    path: '/webhooks/stripe',
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
    body: Buffer.from(body),
  };
}

/**
 * Realistic lifecycles for as many customers as a run needs; every event id is unique per tag.
 * One customer in 14 has its first payment disputed. With BENCH_EARLY_DISPUTES=1 each such dispute
 * is sent before the payment it names, as Stripe may deliver them: it is stored waiting, and the
 * payment's batch then fails its assert and sends that customer to the locking path.
 */
export function lifecycleEvents(n: number, tag: string): TestEvent[] {
  const early = process.env.BENCH_EARLY_DISPUTES === '1';
  const out: TestEvent[] = [];
  for (let c = 0; out.length < n; c++) {
    const name = SCENARIO_NAMES[c % SCENARIO_NAMES.length]!;
    const { events } = scenario[name]({ customerId: `cus_b${tag}x${c}`, authUserId: `user_b${tag}x${c}` });
    out.push(...(early ? disputesFirst(events) : events));
  }
  return reorderedInBlocks(out.slice(0, n), Number(process.env.BENCH_REORDER ?? 0), tag);
}

/**
 * With a block size above 1, the events shuffled within each consecutive block of that many (the same
 * order for the same tag in every run): deliveries out of order by a few customers' worth, as after a
 * backlog. A small seeded generator (mulberry32) rather than a library: the benchmarks need one
 * repeatable permutation, nothing else.
 */
function reorderedInBlocks(events: TestEvent[], block: number, tag: string): TestEvent[] {
  if (!(block > 1)) return events;
  let seed = [...tag].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619), 2166136261);
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...events];
  for (let start = 0; start < out.length; start += block) {
    for (let i = Math.min(start + block, out.length) - 1; i > start; i--) {
      const j = start + Math.floor(random() * (i - start + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
  }
  return out;
}

/** The events with each dispute moved before the first event naming its charge or payment intent. */
function disputesFirst(events: TestEvent[]): TestEvent[] {
  const refsOf = (e: TestEvent) => Object.values(paymentRefsOf(e as StripeEventLike)).filter(Boolean);
  const out = [...events];
  for (const dispute of events.filter((e) => e.type === 'charge.dispute.created')) {
    const refs = new Set(refsOf(dispute));
    const first = out.findIndex((e) => e !== dispute && refsOf(e).some((r) => refs.has(r)));
    if (first < 0) continue;
    out.splice(out.indexOf(dispute), 1);
    out.splice(first, 0, dispute);
  }
  return out;
}

/** Shots for a list of events, all signed with one timestamp taken now. */
export function signAll(list: TestEvent[]): Shot[] {
  const timestamp = Math.floor(Date.now() / 1000);
  return list.map((e) => signedWebhookShot(e, timestamp));
}

/** The machine's CPU time so far, in USER_HZ ticks: all of it, and the part the hypervisor stole. */
function machineTicks(): { total: number; steal: number } {
  // /proc/stat's first line: cpu user nice system idle iowait irq softirq steal guest guest_nice.
  const f = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: f.reduce((a, b) => a + b, 0), steal: f[7] ?? 0 };
}

/** What one window cost each process, in ms per shot, and the hypervisor's steal in %. */
export type WindowCpu = {
  server: number;
  postgres: number;
  proxy: number;
  loadgen: number;
  stealPct: number;
};

/**
 * One measured window: the shots at `rate`, open loop, with the CPU each shot cost the server, and
 * what else it cost the same two cores (PostgreSQL's backends for this database, the proxy, and this
 * load generator), in ms per shot; and the share of the machine's time its hypervisor took for other
 * guests meanwhile (steal, in %), which on a shared host moves every figure from run to run.
 */
export async function measureWindow(
  server: ServerProc,
  db: BenchDb,
  shots: Shot[],
  rate: number,
): Promise<{ result: RunResult; cpu: WindowCpu }> {
  const machine0 = machineTicks();
  const cpu0 = server.cpuMs();
  const pgCpu = cpuSampler((cmd) => cmd.startsWith('postgres:') && cmd.includes(db.name));
  const proxyCpu = cpuSampler((_, pid) => pid === db.proxy.pid);
  const gen0 = process.cpuUsage();
  const result = await openLoop(server.url, shots, rate);
  const gen = process.cpuUsage(gen0);
  const machine1 = machineTicks();
  const per = (ms: number) => Number((ms / shots.length).toFixed(3));
  return {
    result,
    cpu: {
      server: per(server.cpuMs() - cpu0),
      postgres: per(pgCpu.stop()),
      proxy: per(proxyCpu.stop()),
      loadgen: per((gen.user + gen.system) / 1000),
      stealPct: Number(
        ((100 * (machine1.steal - machine0.steal)) / Math.max(1, machine1.total - machine0.total)).toFixed(1),
      ),
    },
  };
}

/**
 * Prints a bench's rows; with BENCH_JSON=FILE also writes them there as JSON (bench:targets reads
 * them back).
 */
export function report(rows: Record<string, string | number>[]): void {
  console.table(rows);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(rows));
}

/** BENCH_PROFILE=DIR: the server process writes a V8 CPU profile there (open it in Chrome DevTools). */
export function profileEnv(): Record<string, string> {
  const dir = process.env.BENCH_PROFILE;
  return dir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` } : {};
}

/** The knobs shared by the webhook benches, from the environment, with each bench's default rates. */
export function rateBenchOptions(defaultRates: string) {
  const o = {
    rates: (process.env.BENCH_RATES ?? defaultRates).split(',').map(Number),
    seconds: Number(process.env.BENCH_SECONDS ?? 20),
    settle: Number(process.env.BENCH_SETTLE ?? 5),
    warmup: Number(process.env.BENCH_WARMUP ?? 18_000),
    /** Measured windows per rate (BENCH_REPEAT): this machine's tail moves a lot between windows. */
    repeat: Math.max(1, Number(process.env.BENCH_REPEAT ?? 1)),
  };
  // A rate's shots are all signed before its settle phase; the last must still be within the
  // Stripe SDK's 300 s tolerance when it is sent (with room for a server that falls behind).
  if (o.settle + o.repeat * o.seconds > 200)
    throw new Error('BENCH_SETTLE + BENCH_REPEAT x BENCH_SECONDS must stay within 200 s (signatures expire)');
  return o;
}

/**
 * bench:webhooks' method against any webhook server: a warm-up at 900/s, VACUUM ANALYZE and a flush
 * (unless `analyze` is false), then per rate `settle` s unmeasured and `repeat` windows of `seconds`
 * s measured, every event signed and unique. One row per window: latency, statuses, the CPU per
 * event of each process, and whatever columns `extra` adds (it runs before a window and returns what
 * runs after it). With several windows per rate, a row `window: 'all'` follows them: the latency
 * percentiles of all their events together and the CPU per event over all of them.
 */
export async function webhookRates(
  server: ServerProc,
  db: BenchDb,
  o: ReturnType<typeof rateBenchOptions>,
  more: {
    analyze?: boolean;
    extra?: () => Promise<() => Promise<Record<string, string | number>>>;
  } = {},
): Promise<Record<string, string | number>[]> {
  await openLoop(server.url, signAll(lifecycleEvents(o.warmup, 'warm')), 900);
  if (more.analyze !== false) await db.vacuumAndFlush();
  const rows = [];
  for (const [i, rate] of o.rates.entries()) {
    // Settle: the rate runs unmeasured first, so the window does not pay for what the phase before
    // it left behind (a faster rate's backlog of dirty pages, a collection of its garbage).
    // The measured shots are made before it, so the generator has digested them by the window.
    const settle = signAll(lifecycleEvents(rate * o.settle, `s${i}x${rate}`));
    const measured = Array.from({ length: o.repeat }, (_, w) =>
      signAll(lifecycleEvents(rate * o.seconds, `r${i}w${w}x${rate}`)),
    );
    if (settle.length > 0) await openLoop(server.url, settle, rate);
    const windows: { result: RunResult; cpu: WindowCpu }[] = [];
    for (const [w, shots] of measured.entries()) {
      const after = await more.extra?.();
      const { result, cpu } = await measureWindow(server, db, shots, rate);
      windows.push({ result, cpu });
      rows.push({
        ...(o.repeat > 1 && { window: w + 1 }),
        ...summarize(result),
        ...cpuColumns([cpu]),
        ...(after ? await after() : {}),
      });
    }
    if (o.repeat > 1) {
      const pooled: RunResult = {
        rate,
        sent: windows.reduce((n, w) => n + w.result.sent, 0),
        latencies: windows.flatMap((w) => w.result.latencies),
        statuses: {},
        seconds: windows.reduce((n, w) => n + w.result.seconds, 0),
      };
      for (const w of windows)
        for (const [k, v] of Object.entries(w.result.statuses))
          pooled.statuses[k] = (pooled.statuses[k] ?? 0) + v;
      rows.push({ window: 'all', ...summarize(pooled), ...cpuColumns(windows.map((w) => w.cpu)) });
    }
  }
  return rows;
}

/**
 * The CPU columns of a row: per event, averaged over windows of equal size.
 * server_per_loadgen: the server's CPU per event over the load generator's. The generator does the
 * same work per shot in every window (the shots are signed before the window), yet at 300/s its CPU
 * per shot moved between 0.22 and 0.46 ms from one window to the next on this guest, steal 0 %, and
 * every other process's with it. So this ratio is the server's cost in units of how fast the
 * machine was in that window: it moved far less than the absolute figure (docs/measurements.md, thirteenth session).
 */
function cpuColumns(cpus: WindowCpu[]): Record<string, number> {
  const sum = (pick: (c: (typeof cpus)[number]) => number) => cpus.reduce((n, c) => n + pick(c), 0);
  const mean = (pick: (c: (typeof cpus)[number]) => number, digits: number) =>
    Number((sum(pick) / cpus.length).toFixed(digits));
  return {
    server_cpu_ms_per_event: mean((c) => c.server, 3),
    postgres_cpu_ms: mean((c) => c.postgres, 3),
    proxy_cpu_ms: mean((c) => c.proxy, 3),
    loadgen_cpu_ms: mean((c) => c.loadgen, 3),
    server_per_loadgen: Number((sum((c) => c.server) / sum((c) => c.loadgen)).toFixed(2)),
    steal_pct: mean((c) => c.stealPct, 1),
  };
}
