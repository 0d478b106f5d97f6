import { Hono } from 'hono';
import { agentRouteDocs } from './agent/openapi.ts';
import { type AgentRouteOptions, agentRoutes } from './agent/routes.ts';
import type { AppEnv } from './app-env.ts';
import { billingRouteDocs } from './billing/openapi.ts';
import { billingRoutes } from './billing/routes.ts';
import type { Deps } from './deps.ts';
import { AppError } from './errors.ts';
import { apiRateLimit, browserCors, defaultBodyLimit, securityHeaders } from './http/hardening.ts';
import { renderError } from './http/render-error.ts';
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
  app.onError(renderError(deps));
  return app;
}
export type App = ReturnType<typeof createApp>;
