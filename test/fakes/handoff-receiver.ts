// A fake support tool receiving handoffs per Standard Webhooks: every request is verified with the
// `standardwebhooks` package's own Webhook.verify (not ours), and deduplicated by webhook-id as the
// spec asks of receivers. `gone()` makes it answer 410 (the endpoint was removed).
import { Hono } from 'hono';
import { Webhook } from 'standardwebhooks';
import { createFaults } from './faults.ts';
import { type Served, serveFake } from './serve.ts';

export type ReceivedHandoff = { webhookId: string; payload: unknown; headers: Record<string, string> };
export type FakeHandoffReceiver = Served & {
  /** Verified, first-time deliveries, one per webhook-id. */
  deliveries: ReceivedHandoff[];
  duplicates: number;
  rejected: number;
  requests: number;
  faults: ReturnType<typeof createFaults>;
  gone(): void;
};

export async function startFakeHandoffReceiver(opts: { secret: string }): Promise<FakeHandoffReceiver> {
  const verifier = new Webhook(opts.secret);
  const deliveries: ReceivedHandoff[] = [];
  const seen = new Set<string>();
  const faults = createFaults();
  const state = { duplicates: 0, rejected: 0, requests: 0, gone: false };

  const app = new Hono();
  app.use(async (c, next) => {
    state.requests += 1;
    if (state.gone) return c.text('gone', 410);
    await next();
  });
  app.use(faults.middleware);
  app.post('*', async (c) => {
    const raw = await c.req.text();
    const headers = {
      'webhook-id': c.req.header('webhook-id') ?? '',
      'webhook-timestamp': c.req.header('webhook-timestamp') ?? '',
      'webhook-signature': c.req.header('webhook-signature') ?? '',
    };
    let payload: unknown;
    try {
      payload = verifier.verify(raw, headers);
    } catch {
      state.rejected += 1;
      return c.text('invalid signature', 401);
    }
    if (seen.has(headers['webhook-id'])) {
      state.duplicates += 1;
      return c.body(null, 204);
    }
    seen.add(headers['webhook-id']);
    deliveries.push({ webhookId: headers['webhook-id'], payload, headers });
    return c.body(null, 204);
  });

  const served = await serveFake(app);
  return {
    ...served,
    deliveries,
    faults,
    gone: () => {
      state.gone = true;
    },
    get duplicates() {
      return state.duplicates;
    },
    get rejected() {
      return state.rejected;
    },
    get requests() {
      return state.requests;
    },
  };
}
