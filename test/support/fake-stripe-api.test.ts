// The fake Stripe API as the real `stripe` client sees it: the endpoints bench:reference's
// stripe-sync-engine calls (a checkout session's line items, auto-paginated; a price; a product) and
// Stripe's error for a missing one.
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceObject } from '../factories/stripe-objects.ts';
import { type FakeStripeApi, type StripeObj, startFakeStripeApi } from './fake-stripe-api.ts';

describe('fake Stripe API: line items, prices, products', () => {
  const key = 'sk_test_fake_api';
  let fake: FakeStripeApi;
  let stripe: Stripe;
  const price = priceObject({
    priceId: 'price_pro_monthly',
    amount: 2900,
    interval: 'month',
    created: 1_700_000_000,
  }) as StripeObj;

  beforeAll(async () => {
    fake = await startFakeStripeApi({
      key,
      pageSize: 2,
      prices: [price],
      products: [{ id: 'prod_pro_monthly', object: 'product', name: 'Pro' }],
      lineItems: (sessionId) =>
        [1, 2, 3].map((n) => ({ id: `li_${sessionId}_${n}`, object: 'item', price, quantity: n })),
    });
    const url = new URL(fake.url);
    stripe = new Stripe(key, { host: url.hostname, port: Number(url.port), protocol: 'http' });
  });
  afterAll(() => fake.close());

  it('lists a session’s line items across pages', async () => {
    const items: Stripe.LineItem[] = [];
    for await (const item of stripe.checkout.sessions.listLineItems('cs_a', { limit: 100 })) items.push(item);
    expect(items.map((i) => [i.id, i.quantity, i.price?.id])).toEqual([
      ['li_cs_a_1', 1, 'price_pro_monthly'],
      ['li_cs_a_2', 2, 'price_pro_monthly'],
      ['li_cs_a_3', 3, 'price_pro_monthly'],
    ]);
    const pages = fake.requests.filter((r) => r.path === '/v1/checkout/sessions/cs_a/line_items');
    expect(pages.map((r) => r.query.starting_after)).toEqual([undefined, 'li_cs_a_2']);
  });

  it('retrieves a price and a product, and answers resource_missing for an unknown one', async () => {
    expect((await stripe.prices.retrieve('price_pro_monthly')).unit_amount).toBe(2900);
    expect((await stripe.products.retrieve('prod_pro_monthly')).name).toBe('Pro');
    const err = await stripe.prices.retrieve('price_nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((err as Stripe.errors.StripeError).code).toBe('resource_missing');
    expect((err as Stripe.errors.StripeError).statusCode).toBe(404);
  });
});
