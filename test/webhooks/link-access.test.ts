import { sign } from 'hono/jwt';
import { expect, it } from 'vitest';
import { accessView, getAccessRecordByAuthUser, getRecordByCustomer } from '../../src/billing/queries.ts';
import { SCENARIO_NAMES, scenario } from '../factories/stripe-events.ts';
import { TEST_SECRETS } from '../support/config.ts';
import { describeEachDriver, type Harness } from '../support/harness.ts';
import { webhookRequest } from '../support/stripe.ts';

const clock = { t: Date.UTC(2026, 0, 5, 10), now: () => new Date(clock.t) };
const HOST = { authorization: `Bearer ${TEST_SECRETS.HOST_API_KEY}`, 'content-type': 'application/json' };

async function link(h: Harness, body: unknown, headers: Record<string, string> = HOST) {
  return h.app.request('/v1/customers/link', { method: 'POST', headers, body: JSON.stringify(body) });
}

async function token(sub: string, expInSec = 600): Promise<string> {
  return sign({ sub, exp: Math.floor(Date.now() / 1000) + expInSec }, TEST_SECRETS.CHAT_JWT_SECRET, 'HS256');
}

describeEachDriver(
  'customer link and entitlement API',
  (h) => {
    it('links a customer the host app created, so its unlinked events reach the user', async () => {
      const s = scenario.unlinkedCheckout({ customerId: 'cus_l1', authUserId: null });
      const created = await link(h(), {
        authUserId: 'user_l1',
        stripeCustomerId: 'cus_l1',
        email: 'l1@example.com',
      });
      expect(created.status).toBe(201);
      for (const e of s.events) {
        clock.t = e.created * 1000;
        const res = await h().app.request('/webhooks/stripe', webhookRequest(e, { timestamp: e.created }));
        expect(res.status).toBe(200);
      }
      const access = await h().app.request('/v1/access/user_l1', { headers: HOST });
      expect(await access.json()).toMatchObject({ hasAccess: true, status: 'active', needsReview: false });
      const again = await link(h(), { authUserId: 'user_l1', stripeCustomerId: 'cus_l1' });
      expect(again.status).toBe(200);
    });

    it('a second auth user claiming the same customer puts it in review', async () => {
      expect((await link(h(), { authUserId: 'user_a', stripeCustomerId: 'cus_two' })).status).toBe(201);
      const res = await link(h(), { authUserId: 'user_b', stripeCustomerId: 'cus_two' });
      expect(await res.json()).toMatchObject({
        review: { state: 'needs_review', reason: 'conflicting_auth_user' },
      });
    });

    it('refuses the link and entitlement routes without the host key, and bad bodies with 4xx', async () => {
      expect(
        (
          await link(
            h(),
            { authUserId: 'u', stripeCustomerId: 'cus_x' },
            { 'content-type': 'application/json' },
          )
        ).status,
      ).toBe(401);
      expect(
        (
          await link(
            h(),
            { authUserId: 'u', stripeCustomerId: 'cus_x' },
            { ...HOST, authorization: 'Bearer wrong-key-0123456789' },
          )
        ).status,
      ).toBe(401);
      expect((await link(h(), { authUserId: 'u', stripeCustomerId: 'not-a-customer' })).status).toBe(422);
      expect((await link(h(), { authUserId: '', stripeCustomerId: 'cus_x', extra: 1 })).status).toBe(422);
      const notJson = await h().app.request('/v1/customers/link', {
        method: 'POST',
        headers: HOST,
        body: '{oops',
      });
      expect(notJson.status).toBe(400);
      expect((await h().app.request('/v1/access/user_x')).status).toBe(401);
    });

    it('answers no access with a reason for a user ledgerdesk has never seen', async () => {
      const res = await h().app.request('/v1/access/nobody', { headers: HOST });
      expect(await res.json()).toMatchObject({
        hasAccess: false,
        status: 'none',
        reason: 'no_billing_record',
      });
    });

    it('answers from the four fields it reads exactly as the whole record would, in every lifecycle', async () => {
      // The entitlement read fetches only what the rule reads (getAccessRecordByAuthUser; access.ts
      // is typed to read no more). Each lifecycle ends in a different state (active, grace, unpaid,
      // canceled, review…), and each is asked at its last event and again 30 days on.
      let checked = 0;
      for (const [i, name] of SCENARIO_NAMES.entries()) {
        const s = scenario[name]({ customerId: `cus_av${i}`, authUserId: `user_av${i}` });
        for (const e of s.events) {
          clock.t = e.created * 1000;
          await h().app.request('/webhooks/stripe', webhookRequest(e, { timestamp: e.created }));
        }
        const record = await getRecordByCustomer(h().deps.db, `cus_av${i}`);
        expect(record, name).not.toBeNull();
        // A checkout that named no user (unlinkedCheckout) has no one to ask about.
        if (!record?.authUserId) continue;
        checked += 1;
        const { review, subscription, deleted, firstFailedPaymentAt } = record;
        expect(await getAccessRecordByAuthUser(h().deps.db, record.authUserId), name).toEqual({
          review,
          subscription,
          deleted,
          firstFailedPaymentAt,
        });
        for (const later of [0, 30 * 86_400_000]) {
          const now = new Date(clock.t + later);
          clock.t = now.getTime();
          const res = await h().app.request(`/v1/access/${record.authUserId}`, { headers: HOST });
          expect(await res.json(), name).toEqual(
            JSON.parse(JSON.stringify(accessView(record, now, h().config.PAST_DUE_GRACE_DAYS))),
          );
        }
      }
      expect(checked).toBe(SCENARIO_NAMES.length - 1);
    });

    it('GET /v1/me/access answers for the signed-in customer only, and 401 for a bad or expired token', async () => {
      const s = scenario.activeMonthly({ customerId: 'cus_me', authUserId: 'user_me' });
      for (const e of s.events) {
        clock.t = e.created * 1000;
        await h().app.request('/webhooks/stripe', webhookRequest(e, { timestamp: e.created }));
      }
      const mine = await h().app.request('/v1/me/access', {
        headers: { authorization: `Bearer ${await token('user_me')}` },
      });
      expect(await mine.json()).toMatchObject({ hasAccess: true, plan: 'pro' });
      const other = await h().app.request('/v1/me/access', {
        headers: { authorization: `Bearer ${await token('user_other')}` },
      });
      expect(await other.json()).toMatchObject({ hasAccess: false, status: 'none' });
      const expired = await h().app.request('/v1/me/access', {
        headers: { authorization: `Bearer ${await token('user_me', -60)}` },
      });
      expect(expired.status).toBe(401);
      const forged = await sign(
        { sub: 'user_me', exp: Math.floor(Date.now() / 1000) + 60 },
        'not-the-secret-0123456789abcdef0123',
        'HS256',
      );
      expect(
        (await h().app.request('/v1/me/access', { headers: { authorization: `Bearer ${forged}` } })).status,
      ).toBe(401);
      expect((await h().app.request('/v1/me/access')).status).toBe(401);
    });
  },
  { clock },
);
