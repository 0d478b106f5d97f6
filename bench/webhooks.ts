// npm run bench:webhooks — open-loop ingest benchmark against the real server on real PostgreSQL.
// Signed events with unique ids at fixed rates; latency from each event's scheduled send time.
import {
  machine,
  PROCESS_SECRETS,
  profileEnv,
  rateBenchOptions,
  report,
  startServerProcess,
  throwawayDatabase,
  webhookRates,
} from './support.ts';

const options = rateBenchOptions('300,400,500,600,800,1200,1600');

/** The fast path's own counters, read from the server's /metrics. */
async function ingestCounters(url: string): Promise<{
  batches: number;
  events: number;
  fallbacks: number;
  conflicts: number;
  waitingDisputes: number;
  ack: Record<string, number>;
  gc: { minor: number; major: number; ms: number };
}> {
  const res = await fetch(`${url}/metrics`, {
    headers: { authorization: `Bearer ${PROCESS_SECRETS.METRICS_TOKEN}` },
  });
  const text = await res.text();
  const sum = (re: RegExp) => [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  return {
    batches: sum(/^ledgerdesk_ingest_batch_events_count (\S+)$/gm),
    events: sum(/^ledgerdesk_ingest_batch_events_sum (\S+)$/gm),
    fallbacks: sum(/^ledgerdesk_ingest_fallbacks_total\{[^}]*\} (\S+)$/gm),
    ack: Object.fromEntries(
      [...text.matchAll(/^ledgerdesk_webhook_ack_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm)].map((m) => [
        m[1]!,
        Number(m[2]),
      ]),
    ),
    conflicts: sum(/^ledgerdesk_ingest_fallbacks_total\{reason="conflict"\} (\S+)$/gm),
    waitingDisputes: sum(/^ledgerdesk_ingest_fallbacks_total\{reason="waiting_dispute"\} (\S+)$/gm),
    // prom-client's default GC metric: every pause of the server's main thread, by kind.
    gc: {
      minor: sum(/^ledgerdesk_nodejs_gc_duration_seconds_count\{kind="minor"\} (\S+)$/gm),
      major: sum(/^ledgerdesk_nodejs_gc_duration_seconds_count\{kind="major"\} (\S+)$/gm),
      ms: 1000 * sum(/^ledgerdesk_nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm),
    },
  };
}

/** The server's own ack time (route start to response), p99 as the histogram bucket bound it falls in. */
function serverP99(before: Record<string, number>, after: Record<string, number>): string {
  const bounds = Object.keys(after)
    .filter((k) => k !== '+Inf')
    .sort((a, b) => Number(a) - Number(b));
  const total = (after['+Inf'] ?? 0) - (before['+Inf'] ?? 0);
  for (const b of bounds)
    if ((after[b] ?? 0) - (before[b] ?? 0) >= 0.99 * total) return `<= ${Number(b) * 1000}`;
  return '> max bucket';
}

const db = await throwawayDatabase({ proxyProcess: true });
const server = await startServerProcess({
  DATABASE_URL: db.url,
  DATABASE_WS_PROXY: `127.0.0.1:${db.proxy.port}`,
  WORKER_ENABLED: 'false',
  ...profileEnv(),
});
console.log(`# bench:webhooks — ${machine()}`);
console.log(
  `# server: src/server.ts, Neon driver -> loopback WebSocket proxy -> PostgreSQL 15; worker off; LOG_LEVEL=warn; ${process.env.BENCH_ANALYZE !== '0' ? 'VACUUM ANALYZE, CHECKPOINT and sync after the warm-up' : 'no ANALYZE after the warm-up'}`,
);
if (process.env.BENCH_EARLY_DISPUTES === '1')
  console.log('# BENCH_EARLY_DISPUTES=1: each dispute (1 customer in 14) sent before the payment it names');
if (Number(process.env.BENCH_REORDER ?? 0) > 1)
  console.log(`# BENCH_REORDER=${process.env.BENCH_REORDER}: events shuffled within each block of that many`);
console.log(
  `# warm-up ${options.warmup} events at 900/s; each rate: ${options.settle} s unmeasured, then ${options.seconds} s measured`,
);
try {
  // Warm-up (in webhookRates): connection pool, prepared statements and the JIT. V8 was measured
  // still optimising the hot paths (TurboFan) for about 15,000 webhooks after start; until then it
  // costs up to a fifth of the server's CPU. Latency and CPU are reported for the warmed-up server
  // (BENCH_WARMUP=600 to see a cold one). Then VACUUM ANALYZE, as autovacuum does on a running
  // database: without it the prepared batch statement keeps the plan it got on near-empty tables
  // (sequential scans) until autovacuum's first ANALYZE, about a minute in; BENCH_ANALYZE=0
  // measures that.
  const rows = await webhookRates(server, db, options, {
    analyze: process.env.BENCH_ANALYZE !== '0',
    extra: async () => {
      const before = await ingestCounters(server.url);
      return async () => {
        const after = await ingestCounters(server.url);
        const batches = after.batches - before.batches;
        return {
          events_per_batch: batches > 0 ? Number(((after.events - before.events) / batches).toFixed(2)) : 0,
          fallbacks: after.fallbacks - before.fallbacks,
          of_which_conflicts: after.conflicts - before.conflicts,
          of_which_waiting_disputes: after.waitingDisputes - before.waitingDisputes,
          server_p99_le_ms: serverP99(before.ack, after.ack),
          gc_minor_major: `${after.gc.minor - before.gc.minor}/${after.gc.major - before.gc.major}`,
          gc_pause_ms: Number((after.gc.ms - before.gc.ms).toFixed(1)),
        };
      };
    },
  });
  report(rows);
} finally {
  await server.stop();
  await db.drop();
}
