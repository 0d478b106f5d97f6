// The standalone worker's own HTTP listener (`WORKER_METRICS_PORT`): its Prometheus metrics and a
// liveness probe. The effect counters and the ack-to-delivery lag are counted in the process that
// delivers, so a worker running apart from `npm start` must be scraped itself.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { listen } from '../http/listen.ts';
import { renderError } from '../http/render-error.ts';
import { requestId } from '../http/request-id.ts';
import { metricsRoutes } from '../ops/metrics-routes.ts';

export function workerHttpApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.get('/healthz', (c) => c.json({ ok: true, role: 'worker' }));
  app.route('/', metricsRoutes(deps));
  app.notFound(() => {
    throw new AppError('NOT_FOUND', 'No such route.');
  });
  app.onError(renderError(deps));
  return app;
}

/** Listens on HOST:port; resolves once listening, with a close() for shutdown. */
export async function serveWorkerHttp(deps: Deps, port: number): Promise<{ close(): Promise<void> }> {
  const server = await listen(workerHttpApp(deps).fetch, port, deps.config.HOST);
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
