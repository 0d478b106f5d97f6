import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Deps } from '../deps.ts';
import { type BundleSource, createBundleSource } from './bundle.ts';
import { serveBundle } from './serve-bundle.ts';

/** GET /widget.js: the <ledgerdesk-chat> element, for any host page (served in every mode). */
export function widgetRoutes(deps: Pick<Deps, 'config'>, opts: { bundles?: BundleSource } = {}) {
  const bundles = opts.bundles ?? createBundleSource({ watch: deps.config.mode === 'embedded' });
  // Built at start-up rather than on the first page view; a failure here is retried by that request.
  if (!opts.bundles) bundles.get('widget').catch(() => {});
  const app = new Hono<AppEnv>();
  app.get('/widget.js', (c) => serveBundle(c, bundles, 'widget'));
  return app;
}
