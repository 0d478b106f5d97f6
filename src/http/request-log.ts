import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../app-env.ts';
import type { Deps } from '../deps.ts';

/** One structured line per request; headers pass through the logger's redaction. */
export function requestLog(deps: Pick<Deps, 'log' | 'metrics'>): MiddlewareHandler<AppEnv> {
  return async function requestLog(c, next) {
    const start = performance.now();
    await next();
    const ms = performance.now() - start;
    const route = routePath(c, -1) || 'unmatched';
    deps.metrics.httpRequests.observe({ route, status: `${Math.floor(c.res.status / 100)}xx` }, ms / 1000);
    const level = c.res.status >= 500 ? 'error' : 'info';
    // Reading the headers builds the request's WHATWG Headers: skipped when the line is not written.
    if (!deps.log.isLevelEnabled(level)) return;
    deps.log[level](
      {
        requestId: c.get('requestId'),
        req: { method: c.req.method, path: c.req.path, headers: Object.fromEntries(c.req.raw.headers) },
        status: c.res.status,
        ms: Math.round(ms * 100) / 100,
      },
      'request',
    );
  };
}
