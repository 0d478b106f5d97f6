// npm run bench:reference — the reference the webhook issue quotes for scale (stripe/sync-engine: "p99
// 9.2 ms at 300 events/s, 41 ms at 800 events/s, about 800 events/s as the highest rate with p99 <
// 50 ms, about 0.9 ms of server CPU per event"), measured here with bench:webhooks' method, events,
// warm-up and rates (bench/reference-server.ts: @supabase/stripe-sync-engine served as its
// fastify-app serves it, on pg straight to PostgreSQL). Its figures on this machine against the
// issue's say how this machine compares with the one the targets were set on.
//
// For every checkout.session.completed it asks the Stripe API for the session's line items (and for
// a price it has not stored yet), as it does in production: a local fake Stripe API in this process
// answers (one line item, the Pro monthly price; that price and its product on request), so that work is the real client's and its serving
// shows up in this process's CPU (loadgen), not the server's.
import { DEFAULT_PLAN_CATALOGUE } from '../src/billing/plans.ts';
import { priceObject } from '../test/factories/stripe-objects.ts';
import { type StripeObj, startFakeStripeApi } from '../test/support/fake-stripe-api.ts';
import {
  machine,
  profileEnv,
  rateBenchOptions,
  report,
  startServerProcess,
  throwawayDatabase,
  webhookRates,
} from './support.ts';

const options = rateBenchOptions('300,800,1200');

console.log(`# bench:reference — ${machine()}`);
console.log(
  '# server: bench/reference-server.ts (@supabase/stripe-sync-engine processWebhook on Fastify, pg Pool -> PostgreSQL 15); LOG_LEVEL=warn',
);
console.log(
  `# warm-up ${options.warmup} events at 900/s; each rate: ${options.settle} s unmeasured, then ${options.seconds} s measured`,
);
// Every catalogue price, and the product each names, as the Stripe API returns them.
const catalogue = DEFAULT_PLAN_CATALOGUE.plans.flatMap((plan) =>
  plan.prices.map((p) => ({ plan, price: priceObject({ ...p, created: 1_700_000_000 }) as StripeObj })),
);
const prices = catalogue.map((c) => c.price);
const products = catalogue.map(({ plan, price }) => ({
  id: String(price.product),
  object: 'product',
  active: true,
  created: 1_700_000_000,
  default_price: price.id,
  description: null,
  images: [],
  livemode: false,
  marketing_features: [],
  metadata: {},
  name: plan.name,
  package_dimensions: null,
  shippable: null,
  statement_descriptor: null,
  unit_label: null,
  updated: 1_700_000_000,
  url: null,
}));
const pro = prices.find((p) => p.id === 'price_pro_monthly')!;
const stripeKey = 'sk_test_reference';
const fake = await startFakeStripeApi({
  key: stripeKey,
  pageSize: 100,
  prices,
  products,
  lineItems: (sessionId) => [
    {
      id: `li_${sessionId}`,
      object: 'item',
      amount_discount: 0,
      amount_subtotal: pro.unit_amount,
      amount_tax: 0,
      amount_total: pro.unit_amount,
      currency: 'usd',
      description: 'Pro',
      price: pro,
      quantity: 1,
    },
  ],
});
const db = await throwawayDatabase();
const server = await startServerProcess(
  { DATABASE_URL: db.url, STRIPE_API_URL: fake.url, STRIPE_SECRET_KEY: stripeKey, ...profileEnv() },
  'bench/reference-server.ts',
);
try {
  report(await webhookRates(server, db, options));
  console.log(`# Stripe API requests the reference made: ${fake.requests.length}`);
} finally {
  await server.stop();
  await db.drop();
  await fake.close();
}
