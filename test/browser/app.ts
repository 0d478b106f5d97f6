// The app as a browser meets it: createApp plus the chat, widget and demo routes (mounted here only
// while app.ts does not mount them itself), optionally on a real listening socket.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { agentRoutes } from '../../src/agent/routes.ts';
import { createApp } from '../../src/app.ts';
import type { AppEnv } from '../../src/app-env.ts';
import type { Deps } from '../../src/deps.ts';
import { createAdapters } from '../../src/jobs/adapters.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { type DemoRouteOptions, demoRoutes } from '../../src/widget/demo-routes.ts';
import { widgetRoutes } from '../../src/widget/routes.ts';
import { createHarness, type Harness } from '../support/harness.ts';

function mounted(app: Hono<AppEnv>, method: string, path: string): boolean {
  return app.routes.some((r) => r.method === method && r.path === path);
}

export function createBrowserApp(deps: Deps, opts: { demo?: DemoRouteOptions; extra?: Hono<AppEnv> } = {}) {
  const app = createApp(deps);
  if (opts.extra) app.route('/', opts.extra);
  if (!mounted(app, 'POST', '/v1/chat')) app.route('/', agentRoutes(deps));
  if (!mounted(app, 'GET', '/widget.js')) app.route('/', widgetRoutes(deps));
  if (!mounted(app, 'GET', '/demo')) app.route('/', demoRoutes(deps, opts.demo));
  return app;
}

export type Listening = { url: string; close(): Promise<void> };

/** A real server on 127.0.0.1 and a free port: browser tests are about the wire. */
export async function listen(app: Hono<AppEnv>): Promise<Listening> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type BrowserServer = Listening & { harness: Harness };

/** A PGlite harness, the composed app on a real socket, and the outbox worker delivering locally. */
export async function startBrowserServer(
  opts: { extra?: Hono<AppEnv>; env?: Record<string, string> } = {},
): Promise<BrowserServer> {
  const harness = await createHarness({ logLevel: 'silent', env: opts.env });
  const server = await listen(createBrowserApp(harness.deps, { extra: opts.extra }));
  const worker = createWorker(harness.deps, { adapters: createAdapters(harness.deps), pollMs: 100 });
  await worker.start();
  return {
    ...server,
    harness,
    close: async () => {
      await server.close();
      await worker.stop();
      await harness.close();
    },
  };
}
