import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { agentRouteDocs } from './agent/openapi.ts';
import { type AgentRouteOptions, agentRoutes } from './agent/routes.ts';
import type { AppEnv } from './app-env.ts';
import { billingRouteDocs } from './billing/openapi.ts';
import { billingRoutes } from './billing/routes.ts';
import type { Deps } from './deps.ts';
import { AppError, toProblem } from './errors.ts';
import { apiRateLimit, browserCors, defaultBodyLimit, securityHeaders } from './http/hardening.ts';
import { requestId } from './http/request-id.ts';
import { requestLog } from './http/request-log.ts';
import { docsRoutes } from './ops/docs-routes.ts';
import { healthRoutes } from './ops/health-routes.ts';
import { metricsRouteDocs, metricsRoutes } from './ops/metrics-routes.ts';
import { opsRouteDocs } from './ops/openapi.ts';
import { supportRouteDocs } from './support/openapi.ts';
import { supportRoutes } from './support/routes.ts';
import { webhookRouteDocs } from './webhooks/openapi.ts';
import { webhookRoutes } from './webhooks/routes.ts';
import { demoRoutes } from './widget/demo-routes.ts';
import { widgetRouteDocs } from './widget/openapi.ts';
import { widgetRoutes } from './widget/routes.ts';

/** Routes a browser calls directly (the widget); everything else is server-to-server. */
const BROWSER_PATHS = ['/v1/chat', '/v1/chat/*', '/v1/me/*'];

/** Middleware, the one error renderer, and each module's routes. No logic lives here. */
export function createApp(deps: Deps, opts: { agent?: AgentRouteOptions } = {}) {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(requestLog(deps));
  app.use(securityHeaders());
  app.use(defaultBodyLimit());
  for (const path of BROWSER_PATHS) app.use(path, browserCors(deps.config));
  app.use('/v1/*', apiRateLimit(deps));

  app.route('/', healthRoutes(deps));
  app.route('/', webhookRoutes(deps));
  app.route('/', billingRoutes(deps));
  app.route('/', agentRoutes(deps, opts.agent));
  app.route('/', supportRoutes(deps));
  app.route('/', metricsRoutes(deps));
  app.route('/', widgetRoutes(deps));
  app.route('/', demoRoutes(deps));
  app.route(
    '/',
    docsRoutes([
      ...opsRouteDocs,
      ...webhookRouteDocs,
      ...billingRouteDocs,
      ...agentRouteDocs,
      ...supportRouteDocs,
      ...metricsRouteDocs,
      ...widgetRouteDocs,
    ]),
  );

  app.notFound(() => {
    throw new AppError('NOT_FOUND', 'No such route.');
  });
  app.onError((err, c) => {
    const known = err instanceof AppError ? err : fromHono(err);
    if (!known || known.status >= 500)
      deps.log.error({ err, requestId: c.get('requestId') }, 'request failed');
    const { problem, headers } = toProblem(known ?? err, c.get('requestId') ?? 'unknown');
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    c.header('content-type', 'application/problem+json');
    return c.body(JSON.stringify(problem), problem.status as 400);
  });
  return app;
}
export type App = ReturnType<typeof createApp>;

function fromHono(err: unknown): AppError | undefined {
  if (!(err instanceof HTTPException)) return undefined;
  if (err.status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'Request body too large.');
  if (err.status === 401) return new AppError('UNAUTHORIZED', 'Missing or invalid credentials.');
  if (err.status === 400) return new AppError('BAD_REQUEST', err.message || 'Bad request.');
  if (err.status === 404) return new AppError('NOT_FOUND');
  return err.status >= 500 ? new AppError('INTERNAL') : new AppError('BAD_REQUEST', err.message);
}
