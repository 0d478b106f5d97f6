// npm run bench:floor — the floor under bench:webhooks, measured the same way (same events, warm-up,
// open loop and rates) against bench/floor-server.ts: Hono + the Stripe SDK's signature check alone
// ("verify"), then with one prepared INSERT of the event through the Neon driver and the loopback
// proxy ("insert"). What ledgerdesk's own work adds is bench:webhooks minus this, on the same machine.
import {
  machine,
  profileEnv,
  rateBenchOptions,
  report,
  startServerProcess,
  throwawayDatabase,
  webhookRates,
} from './support.ts';

const options = rateBenchOptions('300,800,1200');
const MODES = (process.env.FLOOR_MODES ?? 'verify,insert').split(',');

console.log(`# bench:floor — ${machine()}`);
console.log(
  '# server: bench/floor-server.ts (hono + Stripe constructEventAsync; insert: + one prepared INSERT via the Neon driver -> loopback WebSocket proxy -> PostgreSQL 15)',
);
console.log(
  `# warm-up ${options.warmup} events at 900/s; each rate: ${options.settle} s unmeasured, then ${options.seconds} s measured`,
);
const rows = [];
for (const mode of MODES) {
  const db = await throwawayDatabase({ proxyProcess: true });
  const server = await startServerProcess(
    {
      DATABASE_URL: db.url,
      DATABASE_WS_PROXY: `127.0.0.1:${db.proxy.port}`,
      FLOOR_MODE: mode,
      ...profileEnv(),
    },
    'bench/floor-server.ts',
  );
  try {
    for (const row of await webhookRates(server, db, options)) rows.push({ mode, ...row });
  } finally {
    await server.stop();
    await db.drop();
  }
}
report(rows);
