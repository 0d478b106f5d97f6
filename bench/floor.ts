// npm run bench:floor — the floor under bench:webhooks, measured the same way (same events, warm-up,
// open loop and rates) against bench/floor-server.ts: Hono + the Stripe SDK's signature check alone
// ("verify"), then with one prepared INSERT of the event through the Neon driver and the loopback
// proxy ("insert"). What ledgerdesk's own work adds is bench:webhooks minus this, on the same machine.
import {
  lifecycleEvents as events,
  machine,
  measureWindow,
  openLoop,
  signAll as sign,
  startServerProcess,
  summarize,
  throwawayDatabase,
} from './support.ts';

const RATES = (process.env.BENCH_RATES ?? '300,800,1200').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SETTLE = Number(process.env.BENCH_SETTLE ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 18_000);
const MODES = (process.env.FLOOR_MODES ?? 'verify,insert').split(',');

console.log(`# bench:floor — ${machine()}`);
console.log(
  '# server: bench/floor-server.ts (hono + Stripe constructEventAsync; insert: + one prepared INSERT via the Neon driver -> loopback WebSocket proxy -> PostgreSQL 15)',
);
console.log(
  `# warm-up ${WARMUP} events at 900/s; each rate: ${SETTLE} s unmeasured, then ${SECONDS} s measured`,
);
const rows = [];
for (const mode of MODES) {
  const db = await throwawayDatabase({ proxyProcess: true });
  const server = await startServerProcess(
    { DATABASE_URL: db.url, DATABASE_WS_PROXY: `127.0.0.1:${db.proxy.port}`, FLOOR_MODE: mode },
    'bench/floor-server.ts',
  );
  try {
    await openLoop(server.url, sign(events(WARMUP, 'warm')), 900);
    await db.vacuumAndFlush();
    for (const [i, rate] of RATES.entries()) {
      const settle = sign(events(rate * SETTLE, `s${i}x${rate}`));
      const shots = sign(events(rate * SECONDS, `r${i}x${rate}`));
      if (settle.length > 0) await openLoop(server.url, settle, rate);
      const { result, cpu } = await measureWindow(server, db, shots, rate);
      rows.push({
        mode,
        ...summarize(result),
        server_cpu_ms_per_event: cpu.server,
        postgres_cpu_ms: cpu.postgres,
        proxy_cpu_ms: cpu.proxy,
        loadgen_cpu_ms: cpu.loadgen,
      });
    }
  } finally {
    await server.stop();
    await db.drop();
  }
}
console.table(rows);
