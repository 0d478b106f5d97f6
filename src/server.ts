// Node entry: config -> deps -> migrate -> app (+ worker) -> listen; graceful shutdown on signals.
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { migrateDb } from './db/migrate.ts';
import { createDeps, type Deps } from './deps.ts';
import { listen } from './http/listen.ts';

export type Service = {
  deps: Deps;
  url: string;
  port: number;
  stop(): Promise<void>;
};

type Background = { stop(): Promise<void> };

/** Starts the whole service; `background` lets later modules (the outbox worker) join the lifecycle. */
export async function startService(
  config: Config,
  opts: { deps?: Deps; background?: (deps: Deps) => Background | Promise<Background> } = {},
): Promise<Service> {
  // The route modules (the agent pulls in the AI SDK) load while the database starts; esbuild
  // transpiles them in its own process and PGlite compiles its WebAssembly off the main thread.
  const [{ createApp }, deps] = await Promise.all([
    import('./app.ts'),
    opts.deps ? Promise.resolve(opts.deps) : createDeps(config),
  ]);
  await migrateDb(deps.dbHandle);
  const app = createApp(deps);
  const server = await listen(app.fetch, config.PORT, config.HOST);
  const background = opts.background ? await opts.background(deps) : undefined;
  const port = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // Stop accepting, let in-flight requests finish, then stop the worker and close the db.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      await closed;
      await background?.stop();
      await deps.dbHandle.close();
      deps.log.flush();
    })();
    return stopping;
  };
  return { deps, url: `http://${config.HOST}:${port}`, port, stop };
}

function printBanner(service: Service, config: Config, ms: number): void {
  const lines = [
    '',
    `  ledgerdesk is ready in ${ms} ms (${config.mode} mode, ${service.deps.dbHandle.driver} database)`,
    '',
    `  API          ${service.url}`,
    `  Health       ${service.url}/healthz   ${service.url}/readyz`,
    `  Demo         ${service.url}/demo${config.demoEnabled ? '' : '  (disabled; DEMO_ENABLED=true)'}`,
    `  Webhooks     ${service.url}/webhooks/stripe`,
  ];
  if (config.mode === 'embedded') {
    lines.push(
      '',
      `  Development secrets are kept in ${config.DATA_DIR}/dev-secrets.json (generated once).`,
      '  Forward Stripe test events with:',
      `    stripe listen --forward-to ${service.url}/webhooks/stripe`,
      `  and sign with the webhook secret: ${config.stripeWebhookSecrets[0]}`,
    );
  }
  // The banner is for a person at a terminal, so it goes to stderr and not into the JSON log.
  process.stderr.write(`${lines.join('\n')}\n\n`);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const { startWorker } = await import('./jobs/worker.ts');
  const service = await startService(config, { background: (deps) => startWorker(deps) });
  printBanner(service, config, Math.round(performance.now() - t0));
  const shutdown = (signal: string) => {
    service.deps.log.info({ signal }, 'shutting down');
    service.stop().then(
      () => process.exit(0),
      (err) => {
        service.deps.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    process.stderr.write(`ledgerdesk failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
