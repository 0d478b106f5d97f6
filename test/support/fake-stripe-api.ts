// A local fake of the Stripe REST API (list endpoints, and retrieving a price or a product), so reconcile (and
// bench:reference's stripe-sync-engine) run the real `stripe` client over HTTP: Bearer auth,
// form-encoded query params, list objects with cursor pagination, Stripe's error shape.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

export type StripeObj = { id: string; created?: number; [k: string]: unknown };
type Obj = StripeObj;

export type FakeStripeApi = {
  url: string;
  customers: Obj[];
  subscriptions: Obj[];
  invoices: Obj[];
  /** Events Stripe failed to deliver (served for `delivery_success=false`). */
  undelivered: Obj[];
  prices: Obj[];
  products: Obj[];
  /** A checkout session's line items (GET /v1/checkout/sessions/:id/line_items); none by default. */
  lineItems: (sessionId: string) => Obj[];
  requests: { path: string; query: Record<string, string> }[];
  close(): Promise<void>;
};

export async function startFakeStripeApi(opts: {
  key: string;
  pageSize?: number;
  prices?: Obj[];
  products?: Obj[];
  lineItems?: (sessionId: string) => Obj[];
}): Promise<FakeStripeApi> {
  const state: Omit<FakeStripeApi, 'url' | 'close'> = {
    customers: [],
    subscriptions: [],
    invoices: [],
    undelivered: [],
    prices: opts.prices ?? [],
    products: opts.products ?? [],
    lineItems: opts.lineItems ?? (() => []),
    requests: [],
  };
  const app = new Hono();
  app.use(async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${opts.key}`) {
      return c.json({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } }, 401);
    }
    state.requests.push({ path: c.req.path, query: c.req.query() });
    await next();
  });
  const list = (path: string, pick: (q: Record<string, string>, params: Record<string, string>) => Obj[]) =>
    app.get(path, (c) => {
      const q = c.req.query();
      const gte = q['created[gte]'] ? Number(q['created[gte]']) : undefined;
      let items = pick(q, c.req.param()).filter((o) => gte === undefined || (o.created ?? 0) >= gte);
      if (q.starting_after) items = items.slice(items.findIndex((o) => o.id === q.starting_after) + 1);
      const limit = Math.min(Number(q.limit ?? 10), opts.pageSize ?? 2);
      return c.json({
        object: 'list',
        url: c.req.path,
        has_more: items.length > limit,
        data: items.slice(0, limit),
      });
    });
  list('/v1/customers', () => state.customers);
  list('/v1/subscriptions', (q) =>
    q.status === 'all' ? state.subscriptions : state.subscriptions.filter((s) => s.status !== 'canceled'),
  );
  list('/v1/invoices', () => state.invoices);
  list('/v1/events', (q) => (q.delivery_success === 'false' ? state.undelivered : []));
  list('/v1/checkout/sessions/:id/line_items', (_q, params) => state.lineItems(params.id ?? ''));
  const retrieve = (path: string, kind: string, pick: () => Obj[]) =>
    app.get(`${path}/:id`, (c) => {
      const found = pick().find((o) => o.id === c.req.param('id'));
      if (found) return c.json(found);
      return c.json(
        {
          error: {
            type: 'invalid_request_error',
            code: 'resource_missing',
            message: `No such ${kind}: '${c.req.param('id')}'`,
          },
        },
        404,
      );
    });
  retrieve('/v1/prices', 'price', () => state.prices);
  retrieve('/v1/products', 'product', () => state.products);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    ...state,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
