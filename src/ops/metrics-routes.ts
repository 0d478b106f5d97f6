// GET /metrics: Prometheus text behind METRICS_TOKEN. Counters and histograms are kept by the code
// that observes them; the gauges below describe shared state (the outbox, the review queue), so they
// are read from the database at scrape time and every instance reports the same value.
import { sql } from 'drizzle-orm';
import { Hono, type MiddlewareHandler } from 'hono';
import { Gauge } from 'prom-client';
import { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { safeEqual } from '../http/auth.ts';
import { problem, route, SECURITY } from '../http/openapi.ts';
import { JOB_KINDS } from '../jobs/catalogue.ts';
import { outboxStats } from '../jobs/job-store.ts';
import type { Metrics } from './metrics.ts';

/** Bearer METRICS_TOKEN; anything else (a staff key, a customer token) is 401. */
export function metricsAuth(config: Pick<Config, 'metricsToken'>): MiddlewareHandler<AppEnv> {
  return async function metricsAuth(c, next) {
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (!m?.[1] || !config.metricsToken || !safeEqual(m[1], config.metricsToken)) {
      throw new AppError('UNAUTHORIZED', 'A metrics token is required.');
    }
    await next();
  };
}

function gauge(metrics: Metrics, name: string, help: string): Gauge {
  // One registry per Deps, but a test (or a second app over the same Deps) may mount the route twice.
  const existing = metrics.registry.getSingleMetric(name);
  if (existing) return existing as Gauge;
  return new Gauge({ name, help, registers: [metrics.registry] });
}

/**
 * The series metrics.ts does not define, registered on the same registry, and the labelled series
 * the alert rules take increase() of, created at zero: Prometheus cannot see the first increment of
 * a series that did not exist before it.
 */
export function registerOpsMetrics(metrics: Metrics) {
  for (const kind of JOB_KINDS) metrics.deadLetters.inc({ kind }, 0);
  for (const outcome of ['error', 'invalid_signature']) metrics.webhookRequests.inc({ outcome }, 0);
  return {
    deadJobs: gauge(metrics, 'ledgerdesk_outbox_dead_jobs', 'Dead-lettered jobs not yet re-driven.'),
    reviewBacklog: gauge(
      metrics,
      'ledgerdesk_needs_review_backlog',
      'Customers whose billing record needs review by a person.',
    ),
    reviewOldestAge: gauge(
      metrics,
      'ledgerdesk_needs_review_oldest_age_seconds',
      'How long the longest-waiting review has been open.',
    ),
  };
}
export type OpsMetrics = ReturnType<typeof registerOpsMetrics>;

/** Reads the shared-state gauges from the database (two round trips). */
export async function refreshGauges(db: Db, metrics: Metrics, ops: OpsMetrics): Promise<void> {
  const [outbox, queues] = await Promise.all([outboxStats(db), queueStats(db)]);
  metrics.outboxDepth.set(outbox.depth);
  metrics.outboxOldestAge.set(outbox.oldestAgeSeconds);
  ops.deadJobs.set(queues.dead);
  ops.reviewBacklog.set(queues.backlog);
  ops.reviewOldestAge.set(queues.oldestReviewAge);
}

async function queueStats(db: Db): Promise<{ dead: number; backlog: number; oldestReviewAge: number }> {
  // Each count reads only its partial index (jobs_dead_idx, customers_review_idx).
  const result = await db.execute(sql`
    select
      (select count(*)::int from jobs where status = 'dead') as dead,
      (select count(*)::int from customers where review_state <> 'ok') as backlog,
      (select coalesce(extract(epoch from now() - min((record->'review'->>'since')::timestamptz)), 0)::float8
         from customers where review_state <> 'ok') as age`);
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  const row = rows[0] as { dead?: unknown; backlog?: unknown; age?: unknown } | undefined;
  return {
    dead: Number(row?.dead ?? 0),
    backlog: Number(row?.backlog ?? 0),
    oldestReviewAge: Math.max(0, Number(row?.age ?? 0)),
  };
}

export function metricsRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const ops = registerOpsMetrics(deps.metrics);
  app.get('/metrics', metricsAuth(deps.config), async (c) => {
    try {
      await refreshGauges(deps.db, deps.metrics, ops);
    } catch (err) {
      // The counters are still worth serving; a failed scrape would read as "the app is down".
      deps.log.warn({ err, requestId: c.get('requestId') }, 'metrics: could not refresh database gauges');
    }
    const body = await deps.metrics.registry.metrics();
    return c.body(body, 200, { 'content-type': deps.metrics.registry.contentType });
  });
  return app;
}

export const metricsRouteDocs = [
  route({
    method: 'get',
    path: '/metrics',
    tags: ['ops'],
    summary: 'Prometheus metrics (text exposition format)',
    security: SECURITY.metricsToken,
    responses: {
      200: { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: z.string() } } },
      401: problem('No or wrong metrics token'),
    },
  }),
];
