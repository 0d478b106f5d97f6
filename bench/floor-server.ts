// The floor under bench:webhooks: what the parts the webhook issue prescribes cost on their own on
// this machine, before ledgerdesk does anything of its own. A Hono app on @hono/node-server reads the
// raw body and verifies it with the Stripe SDK (constructEventAsync, as src/webhooks/verify.ts), and
// with FLOOR_MODE=insert stores the event with one prepared INSERT through the app's own Neon driver
// setup (src/db/client.ts: loopback WebSocket proxy, one frame per query). No record, no reducer, no
// outbox, no dedupe beyond the primary key, no middleware, no metrics. Started by bench/floor.ts.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import Stripe from 'stripe';
import { createDb } from '../src/db/client.ts';
import { SIGNATURE_TOLERANCE_SECONDS } from '../src/webhooks/verify.ts';

const mode = process.env.FLOOR_MODE === 'insert' ? 'insert' : 'verify';
const secret = process.env.STRIPE_WEBHOOK_SECRET ?? '';
const stripe = new Stripe('sk_test_unused');
const db =
  mode === 'insert'
    ? await createDb({
        driver: 'neon',
        url: process.env.DATABASE_URL ?? '',
        wsProxy: process.env.DATABASE_WS_PROXY,
      })
    : null;
await db?.exec(`create table if not exists floor_events (
  id text primary key, type text not null, payload jsonb not null, received_at timestamptz not null default now())`);

const app = new Hono();
app.post('/webhooks/stripe', async (c) => {
  const raw = await c.req.text();
  let event: Stripe.Event;
  try {
    event = await stripe.webhooks.constructEventAsync(
      raw,
      c.req.header('stripe-signature') ?? '',
      secret,
      SIGNATURE_TOLERANCE_SECONDS,
    );
  } catch {
    return c.json({ error: 'invalid signature' }, 400);
  }
  await db?.query(
    'insert into floor_events (id, type, payload) values ($1, $2, $3::jsonb) on conflict (id) do nothing',
    [event.id, event.type, raw],
    'floor_insert',
  );
  return c.json({ received: true, id: event.id, outcome: 'applied' });
});
app.get('/readyz', (c) => c.json({ ok: true }));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
// A clean exit on SIGTERM, so BENCH_PROFILE's CPU profile is written.
process.once('SIGTERM', () => process.exit(0));
