// The support API: who may call it, finding a customer, the profile, the review queue, and resolving
// a review (audited, in one transaction with the change).
import { count, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { sign } from 'hono/jwt';
import { beforeEach, expect, it } from 'vitest';
import { auditLog, customers, stripeEvents } from '../src/db/schema/index.ts';
import type { Deps } from '../src/deps.ts';
import { supportRoutes } from '../src/support/routes.ts';
import {
  CustomerProfileResponse,
  CustomerSearchResponse,
  ResolveReviewResponse,
  ReviewQueueResponse,
} from '../src/support/schemas.ts';
import {
  createSupportTestApp,
  deadLetterFor,
  drainOutbox,
  type SupportTestApp,
  staffRequest,
} from '../src/support/testing/staff-client.ts';
import { ingestEvent } from '../src/webhooks/ingest.ts';
import { type Scenario, scenario } from './factories/stripe-events.ts';
import { TEST_SECRETS } from './support/config.ts';
import { describeEachDriver } from './support/harness.ts';

const ALICE = 'sk_staff_alice_0123456789abcdef';
const BOB = 'sk_staff_bob_0123456789abcdef';
const clock = { now: () => new Date('2026-03-01T12:00:00Z') };

async function load(deps: Deps, s: Scenario): Promise<void> {
  for (const e of s.events) await ingestEvent(deps, e);
}

async function customerToken(sub: string): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + 600;
  return sign({ sub, exp }, TEST_SECRETS.CHAT_JWT_SECRET, 'HS256');
}

/** Every route the support module serves, with its parameters filled in (no hand-kept list). */
function servedRoutes(deps: Deps): { method: 'GET' | 'POST'; path: string }[] {
  return supportRoutes(deps)
    .routes.filter((r) => r.method !== 'ALL')
    .map((r) => ({
      method: r.method as 'GET' | 'POST',
      path: r.path
        .replace(':stripeCustomerId', 'cus_any')
        .replace(':jobId', '00000000-0000-4000-8000-000000000000')
        .replace(':handoffId', 'ho_any'),
    }));
}

/** Lone surrogates cannot be put in a URL; everything else (NUL included) can. */
function encodable(t: string): boolean {
  try {
    encodeURIComponent(t);
    return true;
  } catch {
    return false;
  }
}

/** A valid body for the POST routes, so a 401/403 cannot be mistaken for a body check. */
const bodyFor = (method: 'GET' | 'POST') => (method === 'POST' ? { note: 'a note' } : undefined);

describeEachDriver(
  'support API',
  (h) => {
    let app: SupportTestApp;
    const get = (path: string, key = ALICE) => app.request(path, staffRequest('GET', { key }));
    const post = (path: string, body?: unknown, key = ALICE) =>
      app.request(path, staffRequest('POST', { key, body }));
    const audits = () => h().deps.db.select().from(auditLog);

    beforeEach(() => {
      app = createSupportTestApp(h().deps);
    });

    it('answers 401 on every staff route without a key, or with a key that is not a staff key', async () => {
      const routes = servedRoutes(h().deps);
      expect(routes.length).toBeGreaterThanOrEqual(8);
      const wrong = [TEST_SECRETS.HOST_API_KEY, TEST_SECRETS.METRICS_TOKEN, `${ALICE}x`, 'garbage'];
      for (const { method, path } of routes) {
        const none = await app.request(path, { method });
        expect(none.status, `${method} ${path}`).toBe(401);
        expect(await none.json()).toMatchObject({ code: 'UNAUTHORIZED' });
        for (const key of wrong) {
          const res = await app.request(path, staffRequest(method, { key, body: bodyFor(method) }));
          expect(res.status, `${method} ${path} with ${key.slice(0, 6)}…`).toBe(401);
        }
      }
    });

    it('answers 403 on every staff route to a valid customer token', async () => {
      const token = await customerToken('user_1');
      for (const { method, path } of servedRoutes(h().deps)) {
        const res = await app.request(path, staffRequest(method, { key: token, body: bodyFor(method) }));
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(await res.json()).toMatchObject({ code: 'FORBIDDEN' });
      }
    });

    it('finds a customer by e-mail in any case, by Stripe customer id and by auth user id', async () => {
      await load(h().deps, scenario.activeMonthly({ customerId: 'cus_find', authUserId: 'user_find' }));
      await load(h().deps, scenario.activeMonthly({ customerId: 'cus_other', authUserId: 'user_other' }));
      const [row] = await h()
        .deps.db.select()
        .from(customers)
        .where(eq(customers.stripeCustomerId, 'cus_find'));
      for (const q of ['cus_find', 'user_find', row!.email!.toUpperCase()]) {
        const res = await get(`/v1/support/customers?q=${encodeURIComponent(q)}`);
        expect(res.status).toBe(200);
        const { items } = CustomerSearchResponse.parse(await res.json());
        expect(
          items.map((i) => i.stripeCustomerId),
          q,
        ).toEqual(['cus_find']);
        expect(items[0]).toMatchObject({ authUserId: 'user_find', hasAccess: true, reviewState: 'ok' });
      }
      const none = CustomerSearchResponse.parse(await (await get('/v1/support/customers?q=nobody')).json());
      expect(none.items).toEqual([]);
      expect((await get('/v1/support/customers')).status).toBe(400);
    });

    it('shows a profile with the record, access, duplicates, ignored events and effect attempts', async () => {
      const { deps } = h();
      const s = scenario.activeMonthly({ customerId: 'cus_prof', authUserId: 'user_prof' });
      await load(deps, s);
      await ingestEvent(deps, s.events[0]!);
      await ingestEvent(deps, s.events[0]!);
      await deps.db.insert(stripeEvents).values({
        id: 'evt_ignored_1',
        type: 'customer.tax_id.created',
        created: new Date('2026-01-20T00:00:00Z'),
        stripeCustomerId: 'cus_prof',
        payload: {},
        outcome: 'ignored',
      });
      await drainOutbox(deps);
      const res = await get('/v1/support/customers/cus_prof');
      expect(res.status).toBe(200);
      const p = CustomerProfileResponse.parse(await res.json());
      expect(p.record).toMatchObject({ stripeCustomerId: 'cus_prof', authUserId: 'user_prof' });
      expect(p.access).toMatchObject({ hasAccess: true, status: 'active', needsReview: false });
      expect(p.events).toHaveLength(s.events.length + 1);
      expect(p.events.find((e) => e.id === s.events[0]!.id)?.duplicateCount).toBe(2);
      expect(p.events.find((e) => e.id === 'evt_ignored_1')?.outcome).toBe('ignored');
      expect(p.effects.length).toBeGreaterThan(0);
      for (const job of p.effects) {
        expect(job.status).toBe('done');
        expect(job.attemptLog.map((a) => a.attempt)).toEqual([1]);
      }
    });

    it('answers a missing customer and a malformed id with the same 404, creating no row', async () => {
      const a = await get('/v1/support/customers/cus_missing');
      const b = await get('/v1/support/customers/not-a-customer');
      const c = await post('/v1/support/customers/cus_missing/resolve', { note: 'checked' });
      for (const res of [a, b, c]) expect(res.status).toBe(404);
      const bodies = await Promise.all([a, b, c].map(async (r) => ({ ...(await r.json()), requestId: 'x' })));
      expect(bodies[1]).toEqual(bodies[0]);
      expect(bodies[2]).toEqual(bodies[0]);
      const [n] = await h().deps.db.select({ n: count() }).from(customers);
      expect(n?.n).toBe(0);
    });

    it('lists customers that need review, and only those', async () => {
      await load(h().deps, scenario.conflictingUsers({ customerId: 'cus_conf', authUserId: 'user_a' }));
      await load(h().deps, scenario.activeMonthly({ customerId: 'cus_fine', authUserId: 'user_f' }));
      const q = ReviewQueueResponse.parse(await (await get('/v1/support/reviews')).json());
      expect(q.total).toBe(1);
      expect(q.items.map((i) => i.stripeCustomerId)).toEqual(['cus_conf']);
      expect(q.items[0]).toMatchObject({ reason: 'conflicting_auth_user', hasAccess: true });
    });

    it('resolves a conflict to the chosen user, audits it under the staff name, and unfreezes access', async () => {
      const { deps } = h();
      const s = scenario.conflictingUsers({ customerId: 'cus_res', authUserId: 'user_a' });
      await load(deps, s);
      const res = await post(
        '/v1/support/customers/cus_res/resolve',
        { note: 'Confirmed with the customer by e-mail.', authUserId: 'user_other' },
        BOB,
      );
      expect(res.status).toBe(200);
      const body = ResolveReviewResponse.parse(await res.json());
      expect(body).toMatchObject({ outcome: 'resolved', authUserId: 'user_other' });
      expect(body.review.state).toBe('ok');
      expect(body.access.reason).not.toBe('needs_review');
      const [row] = await deps.db.select().from(customers).where(eq(customers.stripeCustomerId, 'cus_res'));
      expect(row).toMatchObject({ reviewState: 'ok', authUserId: 'user_other' });
      const [entry, ...more] = await audits();
      expect(more).toEqual([]);
      expect(entry).toMatchObject({
        id: body.auditId,
        actor: 'bob',
        action: 'review.resolve',
        targetType: 'customer',
        targetId: 'cus_res',
        stripeCustomerId: 'cus_res',
        note: 'Confirmed with the customer by e-mail.',
      });
      expect(entry?.at.toISOString()).toBe('2026-03-01T12:00:00.000Z');
      const profile = CustomerProfileResponse.parse(
        await (await get('/v1/support/customers/cus_res')).json(),
      );
      expect(profile.audit.map((a) => a.id)).toEqual([body.auditId]);
    });

    it('refuses a second resolve with 409 and writes nothing', async () => {
      await load(h().deps, scenario.conflictingUsers({ customerId: 'cus_twice', authUserId: 'user_a' }));
      expect((await post('/v1/support/customers/cus_twice/resolve', { note: 'first' })).status).toBe(200);
      const again = await post('/v1/support/customers/cus_twice/resolve', { note: 'second' });
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ code: 'CONFLICT' });
      expect((await audits()).map((a) => a.note)).toEqual(['first']);
    });

    it('requires a note of 1 to 2000 characters to resolve', async () => {
      await load(h().deps, scenario.conflictingUsers({ customerId: 'cus_note', authUserId: 'user_a' }));
      for (const body of [
        {},
        { note: '' },
        { note: '   ' },
        { note: 'x'.repeat(2001) },
        { note: 'ok', extra: 1 },
      ]) {
        const res = await post('/v1/support/customers/cus_note/resolve', body);
        expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(422);
      }
      expect(await audits()).toEqual([]);
    });

    it('resolves a review opened only by a dead-lettered effect', async () => {
      const { deps } = h();
      await load(deps, scenario.activeMonthly({ customerId: 'cus_dead', authUserId: 'user_dead' }));
      await drainOutbox(deps);
      await deadLetterFor(deps, 'cus_dead');
      const before = ReviewQueueResponse.parse(await (await get('/v1/support/reviews')).json());
      expect(before.items.map((i) => i.stripeCustomerId)).toEqual(['cus_dead']);
      const res = await post('/v1/support/customers/cus_dead/resolve', {
        note: 'Slack was down; re-sent by hand.',
      });
      expect(res.status).toBe(200);
      expect(ResolveReviewResponse.parse(await res.json()).review.state).toBe('ok');
      const after = ReviewQueueResponse.parse(await (await get('/v1/support/reviews')).json());
      expect(after.total).toBe(0);
    });

    it('answers whatever a staff member sends with 2xx or 4xx, never 5xx, and audits only what it did', async () => {
      await load(h().deps, scenario.conflictingUsers({ customerId: 'cus_fuzz', authUserId: 'user_a' }));
      const text = fc.string({ unit: 'binary', maxLength: 60 }).filter(encodable);
      const body = fc.oneof(
        fc.record({ note: text, authUserId: text }, { requiredKeys: [] }),
        fc.jsonValue({ maxDepth: 2 }),
        fc.constant({ note: 'a\u0000b' }),
      );
      let resolved = 0;
      await fc.assert(
        fc.asyncProperty(text, body, async (q, b) => {
          const search = await get(`/v1/support/customers?q=${encodeURIComponent(q)}`);
          const resolve = await post('/v1/support/customers/cus_fuzz/resolve', b);
          if (resolve.status === 200) resolved++;
          for (const res of [search, resolve]) {
            await res.text();
            expect(res.status).toBeLessThan(500);
          }
        }),
        { numRuns: 150 },
      );
      expect((await audits()).length).toBe(resolved);
    });
  },
  { clock },
);
