// Test helpers for the support API and /metrics: the real app with these routes mounted the way
// app.ts mounts them, authenticated requests, and a dead letter made by the real worker.
import { createApp } from '../../app.ts';
import type { Deps } from '../../deps.ts';
import { createAdapters } from '../../jobs/adapters.ts';
import { DeliveryError, type Handler } from '../../jobs/delivery.ts';
import { enqueueEffects } from '../../jobs/enqueue.ts';
import { createWorker } from '../../jobs/worker.ts';
import { metricsRoutes } from '../../ops/metrics-routes.ts';
import { supportRoutes } from '../routes.ts';

/**
 * The app as app.ts builds it, with the support and metrics routes mounted if app.ts does not mount
 * them yet. Routes added after createApp still get its middleware and its one error renderer:
 * notFound only answers when nothing matches.
 */
export function createSupportTestApp(deps: Deps, opts: Parameters<typeof createApp>[1] = {}) {
  const app = createApp(deps, opts);
  const serves = (prefix: string) => app.routes.some((r) => r.path.startsWith(prefix));
  if (!serves('/v1/support/')) app.route('/', supportRoutes(deps));
  if (!serves('/metrics')) app.route('/', metricsRoutes(deps));
  return app;
}
export type SupportTestApp = ReturnType<typeof createSupportTestApp>;

export type StaffRequest = { key: string; body?: unknown; headers?: Record<string, string> };

/** A request with `Authorization: Bearer <key>` and, when a body is given, a JSON body. */
export function staffRequest(method: 'GET' | 'POST', o: StaffRequest): RequestInit {
  return {
    method,
    headers: {
      authorization: `Bearer ${o.key}`,
      ...(o.body !== undefined && { 'content-type': 'application/json' }),
      ...o.headers,
    },
    ...(o.body !== undefined && { body: JSON.stringify(o.body) }),
  };
}

/** Runs every due job with the real adapters (local delivery in tests), refusing `refuse` for good. */
export async function drainOutbox(deps: Deps, refuse: (key: string) => boolean = () => false) {
  const real = createAdapters(deps);
  const wrap =
    (handler: Handler): Handler =>
    async (ctx) => {
      if (refuse(ctx.job.key)) throw DeliveryError.permanent('HTTP 400 refused by the test target');
      return handler(ctx);
    };
  const adapters = Object.fromEntries(
    Object.entries(real).map(([kind, handler]) => [kind, wrap(handler)]),
  ) as typeof real;
  const worker = createWorker(deps, { adapters, concurrency: 2, pollMs: 10, retryDelay: () => 5 });
  await worker.drain();
}

/** One alert effect for the customer that its target refuses: dead-lettered by the real worker. */
export async function deadLetterFor(
  deps: Deps,
  stripeCustomerId: string,
  key = `alert:test:${stripeCustomerId}`,
) {
  await enqueueEffects(
    deps.db,
    [
      {
        kind: 'alert.notify',
        key,
        stripeCustomerId,
        payload: { severity: 'warning', reason: 'test', text: 'a test alert', issueKey: null },
      },
    ],
    deps.clock.now(),
  );
  await drainOutbox(deps, (k) => k === key);
  return key;
}
