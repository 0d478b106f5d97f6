// `npm run worker`: a standalone outbox worker process. Runs whatever WORKER_ENABLED says (that
// flag is about the worker inside `npm start`). SIGTERM/SIGINT stop claiming and finish the jobs in
// flight; a SIGKILL leaves them to lease expiry, and another worker takes them over.
//
//   npm run worker -- [--concurrency N] [--lease-ms MS] [--poll-ms MS] [--id NAME]
//
// WORKER_METRICS_PORT=N also serves its /metrics (METRICS_TOKEN) and /healthz on HOST:N.
//
// For the production (Neon/PostgreSQL) mode: embedded PGlite lives in one process, so there the
// worker inside `npm start` is the only one.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { migrateDb } from '../db/migrate.ts';
import { createDeps } from '../deps.ts';
import { createAdapters } from './adapters.ts';
import { createWorker } from './worker.ts';
import { serveWorkerHttp } from './worker-http.ts';

const positive = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name}: expected a positive integer`);
  return n;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      concurrency: { type: 'string' },
      'lease-ms': { type: 'string' },
      'poll-ms': { type: 'string' },
      id: { type: 'string' },
    },
  });
  const config = loadConfig();
  const deps = await createDeps(config);
  await migrateDb(deps.dbHandle);
  const worker = createWorker(deps, {
    adapters: createAdapters(deps),
    concurrency: positive('concurrency', values.concurrency) ?? config.WORKER_CONCURRENCY,
    leaseMs: positive('lease-ms', values['lease-ms']),
    pollMs: positive('poll-ms', values['poll-ms']),
    workerId: values.id,
  });
  await worker.start();
  const http =
    config.WORKER_METRICS_PORT > 0 ? await serveWorkerHttp(deps, config.WORKER_METRICS_PORT) : null;
  const shutdown = (signal: string) => {
    deps.log.info({ signal }, 'worker shutting down');
    worker
      .stop()
      .then(() => http?.close())
      .then(() => deps.dbHandle.close())
      .then(
        () => {
          deps.log.flush();
          process.exit(0);
        },
        (err) => {
          deps.log.error({ err }, 'worker shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  process.stderr.write(`worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
