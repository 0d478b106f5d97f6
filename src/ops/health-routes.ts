import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { pingDb } from '../db/client.ts';
import { migrationsApplied } from '../db/migrate.ts';
import type { Deps } from '../deps.ts';

/** /healthz: the process is up. /readyz: the database answers and every migration is applied. */
export function healthRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await withTimeout(pingDb(deps.db), 2000);
      if (!(await migrationsApplied(deps.dbHandle))) {
        return c.json({ status: 'not_ready', checks: { database: 'ok', migrations: 'pending' } }, 503);
      }
      return c.json({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
    } catch (err) {
      deps.log.warn({ err: String(err) }, 'readiness check failed');
      return c.json({ status: 'not_ready', checks: { database: 'unreachable' } }, 503);
    }
  });
  return app;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
