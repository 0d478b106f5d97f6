// The reference the webhook issue quotes, run here so its figures and ours come from one machine:
// stripe/sync-engine (the npm package @supabase/stripe-sync-engine) served the way its own
// packages/fastify-app serves it — Fastify, a content-type parser that hands the webhook route the
// raw body as a Buffer, `StripeSync.processWebhook(raw, signature)` (the Stripe SDK's
// constructEventAsync, then the upserts), and `{ received: true }`; any error is a 400 there, as it
// is upstream. Its defaults otherwise (pg Pool of 10, schema `stripe`, API version 2020-08-27, no
// list expansion, no re-fetch from the Stripe API). Two differences from the shipped app, both in
// its favour or neutral: the route is mounted at /webhooks/stripe (so bench:webhooks' requests apply
// unchanged), and its logger is at LOG_LEVEL (warn in the benches, as ledgerdesk runs there) instead
// of logging every event at info. Started by bench/reference.ts.
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import pino from 'pino';
import Stripe from 'stripe';

// Its CommonJS build, as its fastify-app loads it: the ESM build's runMigrations reads __dirname,
// which ES modules lack, so it fails (and, swallowing the error, leaves no tables).
const { runMigrations, StripeSync } = createRequire(import.meta.url)(
  '@supabase/stripe-sync-engine',
) as typeof import('@supabase/stripe-sync-engine');

const databaseUrl = process.env.DATABASE_URL ?? '';
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
await runMigrations({ databaseUrl, schema: 'stripe', logger });
const stripeSync = new StripeSync({
  poolConfig: { connectionString: databaseUrl, max: 10, keepAlive: true },
  schema: 'stripe',
  stripeSecretKey: process.env.STRIPE_SECRET_KEY ?? '',
  stripeWebhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? '',
  stripeApiVersion: '2020-08-27',
  autoExpandLists: false,
  backfillRelatedEntities: true,
  logger,
});

// Its Stripe client, pointed at the bench's fake Stripe API (checkout line items, prices): the
// package builds its own with no way to pass a host, and the field is public.
const api = new URL(process.env.STRIPE_API_URL ?? 'https://api.stripe.com');
stripeSync.stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '', {
  host: api.hostname,
  port: Number(api.port || 443),
  protocol: api.protocol === 'http:' ? 'http' : 'https',
  // As the package configures its own client (the fastify-app's default API version).
  apiVersion: '2020-08-27' as Stripe.LatestApiVersion,
  appInfo: { name: 'Stripe Postgres Sync' },
});

// runMigrations logs a failure and returns; a reference without its tables would measure nothing.
await stripeSync.postgresClient.query('select 1 from stripe.customers limit 1', []);

const app = Fastify();
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
  try {
    done(null, req.routeOptions.url === '/webhooks/stripe' ? { raw: body } : JSON.parse(String(body)));
  } catch (err) {
    done(Object.assign(err as Error, { statusCode: 400 }), undefined);
  }
});
app.post('/webhooks/stripe', async (request, reply) => {
  const { raw } = request.body as { raw: Buffer };
  try {
    await stripeSync.processWebhook(raw, String(request.headers['stripe-signature']));
  } catch (error) {
    logger.error(error, 'Webhook processing error');
    return reply.code(400).send(`Webhook Error: ${error instanceof Error ? error.message : 'Unknown error'}`);
  }
  return reply.send({ received: true });
});
app.get('/readyz', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
// A clean exit on SIGTERM, so BENCH_PROFILE's CPU profile is written.
process.once('SIGTERM', () => process.exit(0));
