// Malformed bodies, headers and signatures against the webhook, chat and support routes: never a
// 5xx, never a crash, never a row from an unsigned webhook. Thousands of cases, in-process.
import { count } from 'drizzle-orm';
import fc from 'fast-check';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_EVENT_TYPES } from '../src/billing/reduce.ts';
import { customers, stripeEvents } from '../src/db/schema/index.ts';
import { TEST_SECRETS } from './support/config.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { signPayload } from './support/stripe.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ logLevel: 'silent' });
});
afterAll(async () => h.close());

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

const jsonish = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .record({
      id: fc.oneof(fc.string(), fc.constant('evt_1'), fc.integer()),
      type: fc.oneof(
        fc.constantFrom('invoice.paid', 'customer.subscription.updated', 'charge.dispute.created'),
        fc.string(),
      ),
      created: fc.oneof(fc.integer(), fc.string(), fc.double()),
      data: fc.oneof(fc.constant(null), fc.record({ object: fc.jsonValue({ maxDepth: 3 }) })),
    })
    .map((v) => JSON.stringify(v)),
);

const header = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constant(''),
  fc.tuple(fc.integer(), fc.stringMatching(/^[0-9a-f]{0,64}$/)).map(([t, v]) => `t=${t},v1=${v}`),
  fc.constant('t=,v1='),
  fc.constant(`t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`),
);

const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  '',
  'application/json; charset=utf-16',
);

describe('fuzzing the public routes', () => {
  it('the webhook route answers 4xx to unsigned or malformed deliveries and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(jsonish, header, contentType, async (body, sig, type) => {
        const headers: Record<string, string> = { 'content-type': type };
        if (sig) headers['stripe-signature'] = sig;
        const res = await h.app.request('/webhooks/stripe', { method: 'POST', headers, body });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    const [events] = await h.deps.db.select({ n: count() }).from(stripeEvents);
    const [records] = await h.deps.db.select({ n: count() }).from(customers);
    expect(events?.n).toBe(0);
    expect(records?.n).toBe(0);
  });

  it('validly signed but malformed Stripe payloads never cause a 5xx', async () => {
    // Supported types with hostile objects: the reducer must treat garbage as data, not crash.
    const supported = fc
      .record({
        id: fc.stringMatching(/^evt_[a-z0-9]{1,12}$/),
        type: fc.constantFrom(...SUPPORTED_EVENT_TYPES),
        created: fc.integer({ min: 1, max: 2_000_000_000 }),
        data: fc.record({
          object: fc.record(
            {
              id: fc.oneof(
                fc.stringMatching(/^(cus|sub|in|pi|ch|dp|cs)_[a-z0-9]{1,8}$/),
                fc.integer(),
                fc.constant(null),
              ),
              customer: fc.oneof(fc.constant('cus_fuzz'), fc.jsonValue({ maxDepth: 2 })),
              status: fc.oneof(
                fc.constantFrom('active', 'past_due', 'canceled', 'paid', 'open'),
                fc.jsonValue({ maxDepth: 1 }),
              ),
              items: fc.jsonValue({ maxDepth: 3 }),
              amount_paid: fc.oneof(fc.integer(), fc.string(), fc.double()),
              current_period_end: fc.oneof(fc.integer(), fc.string()),
              metadata: fc.jsonValue({ maxDepth: 2 }),
              parent: fc.jsonValue({ maxDepth: 3 }),
            },
            { requiredKeys: ['id'] },
          ),
          previous_attributes: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
        }),
      })
      .map((v) => JSON.stringify(v));
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonish, supported), async (body) => {
        const res = await h.app.request('/webhooks/stripe', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(body) },
          body,
        });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  it('the chat route answers malformed bodies and tokens with 4xx, never 5xx', async () => {
    const valid = await sign(
      { sub: 'fuzz_user', exp: Math.floor(Date.now() / 1000) + 3600 },
      TEST_SECRETS.CHAT_JWT_SECRET,
      'HS256',
    );
    const auth = fc.oneof(
      fc.constant(undefined),
      fc.constant(`Bearer ${valid}`),
      fc.string({ maxLength: 100 }).map((s) => `Bearer ${s}`),
      fc.string({ maxLength: 40 }),
    );
    const chatBody = fc.oneof(
      jsonish,
      fc
        .record({
          id: fc.oneof(fc.string({ maxLength: 80 }), fc.integer()),
          message: fc.record({
            id: fc.string({ maxLength: 20 }),
            role: fc.constantFrom('user', 'system', 'assistant', 'tool', 'x'),
            parts: fc.array(
              fc.oneof(
                fc.record({ type: fc.constant('text'), text: fc.string({ maxLength: 200 }) }),
                fc.record({
                  type: fc.constantFrom('tool-getAccount', 'dynamic-tool', 'file'),
                  input: fc.jsonValue({ maxDepth: 2 }),
                }),
              ),
              { maxLength: 3 },
            ),
          }),
        })
        .map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(chatBody, auth, contentType, async (body, authorization, type) => {
        const headers: Record<string, string> = { 'content-type': type };
        if (authorization !== undefined) headers.authorization = authorization;
        const res = await h.app.request('/v1/chat', { method: 'POST', headers, body });
        await res.text();
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('the support and entitlement routes answer malformed input and credentials with 4xx, never 5xx', async () => {
    const [, staffKey] = TEST_SECRETS.SUPPORT_API_KEYS.split(',')[0]!.split(':') as [string, string];
    const path = fc.oneof(
      fc.constantFrom(
        '/v1/support/customers?q=',
        '/v1/support/reviews',
        '/v1/support/handoffs',
        '/v1/support/customers/cus_nope',
        '/v1/access/x',
        '/v1/customers/link',
      ),
      fc.string({ maxLength: 40 }).map((s) => `/v1/support/customers/${encodeURIComponent(s)}`),
      fc.string({ maxLength: 40 }).map((s) => `/v1/support/customers?q=${encodeURIComponent(s)}`),
      fc.string({ maxLength: 40 }).map((s) => `/v1/support/jobs/${encodeURIComponent(s)}/redrive`),
      fc.string({ maxLength: 40 }).map((s) => `/v1/support/customers/${encodeURIComponent(s)}/resolve`),
    );
    const auth = fc.oneof(
      fc.constant(`Bearer ${staffKey}`),
      fc.constant(`Bearer ${TEST_SECRETS.HOST_API_KEY}`),
      fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
      fc.constant(undefined),
    );
    await fc.assert(
      fc.asyncProperty(
        path,
        auth,
        fc.constantFrom('GET', 'POST'),
        jsonish,
        async (p, authorization, method, body) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (authorization) headers.authorization = authorization;
          const res = await h.app.request(p, { method, headers, body: method === 'POST' ? body : undefined });
          await res.text();
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
