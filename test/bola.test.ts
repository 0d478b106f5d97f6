// Randomized BOLA attempts: a customer token only ever reads its own /v1/me/* data, whatever other
// customers' identifiers the request smuggles in (query, headers, path variants).
import fc from 'fast-check';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario } from './factories/stripe-events.ts';
import { TEST_SECRETS } from './support/config.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { webhookRequest } from './support/stripe.ts';

const clock = { t: Date.UTC(2026, 0, 6), now: () => new Date(clock.t) };
const USERS = [
  { user: 'bola_active', make: scenario.activeMonthly },
  { user: 'bola_canceled', make: scenario.cancelNow },
  { user: 'bola_annual', make: scenario.activeAnnual },
  { user: 'bola_incomplete', make: scenario.firstPaymentFails },
];
let h: Harness;
const expected = new Map<string, unknown>();

async function token(sub: string) {
  return sign({ sub, exp: Math.floor(Date.now() / 1000) + 3600 }, TEST_SECRETS.CHAT_JWT_SECRET, 'HS256');
}

beforeAll(async () => {
  h = await createHarness({ clock, logLevel: 'silent' });
  for (const [i, u] of USERS.entries()) {
    for (const e of u.make({ customerId: `cus_bola${i}`, authUserId: u.user }).events) {
      await h.app.request('/webhooks/stripe', webhookRequest(e, { timestamp: Math.floor(clock.t / 1000) }));
    }
  }
  for (const u of USERS) {
    const res = await h.app.request('/v1/me/access', {
      headers: { authorization: `Bearer ${await token(u.user)}` },
    });
    const body = (await res.json()) as Record<string, unknown>;
    expected.set(u.user, { ...body, asOf: undefined });
  }
});
afterAll(async () => h.close());

describe('/v1/me/* object-level authorization', () => {
  it('the seeded customers really differ, so a leak would show', () => {
    const views = [...expected.values()].map((v) => JSON.stringify(v));
    expect(new Set(views).size).toBeGreaterThan(1);
  });

  it('a token for A never returns B, whatever identifiers of B the request carries', async () => {
    const smuggle = fc.constantFrom(
      (b: string) => ({ path: `/v1/me/access?authUserId=${b}`, headers: {} }),
      (b: string) => ({ path: `/v1/me/access?sub=${b}&userId=${b}`, headers: {} }),
      (b: string) => ({ path: '/v1/me/access', headers: { 'x-user-id': b, 'x-auth-user-id': b } }),
      (b: string) => ({ path: `/v1/me/access/../access?u=${b}`, headers: {} }),
      (_b: string) => ({ path: '/v1/me/access', headers: { 'x-forwarded-user': 'bola_active' } }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...USERS.map((u) => u.user)),
        fc.constantFrom(...USERS.map((u) => u.user)),
        smuggle,
        async (a, b, make) => {
          const { path, headers } = make(b);
          const res = await h.app.request(path, {
            headers: { ...headers, authorization: `Bearer ${await token(a)}` },
          });
          if (res.status !== 200) {
            expect(res.status).toBeLessThan(500);
            return;
          }
          const body = (await res.json()) as Record<string, unknown>;
          expect({ ...body, asOf: undefined }).toEqual(expected.get(a));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a customer token is refused by the host app's and the staff's routes", async () => {
    const auth = { authorization: `Bearer ${await token('bola_active')}` };
    expect((await h.app.request('/v1/access/bola_canceled', { headers: auth })).status).toBe(401);
    expect((await h.app.request('/v1/support/customers?q=bola', { headers: auth })).status).toBe(403);
  });
});
