// npm run bench:access — GET /v1/access/:authUserId for 10,000 customers at 1,000 requests/s,
// open loop, against the real server on real PostgreSQL.
import { Agent, request } from 'undici';
import { scenario } from '../test/factories/stripe-events.ts';
import {
  machine,
  measureWindow,
  openLoop,
  PROCESS_SECRETS,
  report,
  type Shot,
  signedWebhookShot,
  startServerProcess,
  summarize,
  throwawayDatabase,
} from './support.ts';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
// As bench:webhooks: V8 keeps optimising the hot path for thousands of requests after start.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10_000);

const db = await throwawayDatabase({ proxyProcess: true });
const server = await startServerProcess({
  DATABASE_URL: db.url,
  DATABASE_WS_PROXY: `127.0.0.1:${db.proxy.port}`,
  WORKER_ENABLED: 'false',
});
console.log(`# bench:access — ${machine()}`);
console.log(`# ${CUSTOMERS} customers; warm-up ${WARMUP} requests, then ${SECONDS} s measured at ${RATE}/s`);
try {
  // Seed through the real webhook route: one checkout per customer.
  const agent = new Agent({ connections: 32 });
  const timestamp = Math.floor(Date.now() / 1000);
  let next = 0;
  const seedOne = async () => {
    while (next < CUSTOMERS) {
      const i = next++;
      for (const e of scenario.activeMonthly({ customerId: `cus_a${i}`, authUserId: `user_a${i}` }).events) {
        const shot = signedWebhookShot(e, timestamp);
        const res = await request(`${server.url}${shot.path}`, {
          method: shot.method,
          headers: shot.headers,
          body: shot.body,
          dispatcher: agent,
        });
        await res.body.dump();
      }
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: 16 }, seedOne));
  console.log(
    `# seeded ${CUSTOMERS} customers through the webhook route in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  await agent.close();
  // Steady state, as a running database is: autovacuum would otherwise be catching up with the
  // seeding (50,000 events) during the measurement.
  await db.vacuumAndFlush();
  const shots = (n: number): Shot[] =>
    Array.from({ length: n }, () => ({
      method: 'GET',
      path: `/v1/access/user_a${Math.floor(Math.random() * CUSTOMERS)}`,
      headers: { authorization: `Bearer ${PROCESS_SECRETS.HOST_API_KEY}` },
    }));
  await openLoop(server.url, shots(WARMUP), RATE);
  const { result, cpu } = await measureWindow(server, db, shots(RATE * SECONDS), RATE);
  report([
    {
      ...summarize(result),
      server_cpu_ms_per_request: cpu.server,
      postgres_cpu_ms: cpu.postgres,
      proxy_cpu_ms: cpu.proxy,
      loadgen_cpu_ms: cpu.loadgen,
      steal_pct: cpu.stealPct,
    },
  ]);
} finally {
  await server.stop();
  await db.drop();
}
