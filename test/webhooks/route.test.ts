import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { BillingRecord } from '../../src/billing/record.ts';
import { customers, jobs, stripeEvents } from '../../src/db/schema/index.ts';
import {
  checkoutPaid,
  DAY,
  failRenewal,
  scenario,
  type TestEvent,
  Timeline,
} from '../factories/stripe-events.ts';
import { TEST_SECRETS } from '../support/config.ts';
import { describeEachDriver, type Harness } from '../support/harness.ts';
import { webhookRequest } from '../support/stripe.ts';

/** A clock the tests move: the route's signature tolerance and access decisions both read it. */
const clock = { t: Date.UTC(2026, 0, 5, 10), now: () => new Date(clock.t) };
const nowSec = () => Math.floor(clock.t / 1000);

async function post(h: Harness, event: unknown, opts: Parameters<typeof webhookRequest>[1] = {}) {
  return h.app.request('/webhooks/stripe', webhookRequest(event, { timestamp: nowSec(), ...opts }));
}

async function deliverAll(h: Harness, events: TestEvent[]) {
  for (const e of events) {
    clock.t = Math.max(clock.t, e.created * 1000);
    const res = await post(h, e);
    expect(res.status).toBe(200);
  }
}

async function recordOf(h: Harness, customerId: string): Promise<BillingRecord | undefined> {
  const [row] = await h.deps.db.select().from(customers).where(eq(customers.stripeCustomerId, customerId));
  return row?.record;
}

async function rows(
  h: Harness,
  table: typeof stripeEvents | typeof customers | typeof jobs,
): Promise<number> {
  const [r] = await h.deps.db.select({ n: count() }).from(table);
  return r?.n ?? 0;
}

async function accessOf(h: Harness, authUserId: string) {
  const res = await h.app.request(`/v1/access/${authUserId}`, {
    headers: { authorization: `Bearer ${TEST_SECRETS.HOST_API_KEY}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    hasAccess: boolean;
    status: string;
    plan: string | null;
    needsReview: boolean;
  };
}

function seededShuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describeEachDriver(
  'POST /webhooks/stripe',
  (h) => {
    it('applies a validly signed checkout and the customer has access', async () => {
      const s = scenario.activeMonthly({ customerId: 'cus_ok1', authUserId: 'user_ok1' });
      await deliverAll(h(), s.events);
      const record = await recordOf(h(), 'cus_ok1');
      expect(record?.authUserId).toBe('user_ok1');
      expect(record?.subscription?.status).toBe('active');
      expect(record?.subscription?.planId).toBe('pro');
      expect(await accessOf(h(), 'user_ok1')).toMatchObject({
        hasAccess: true,
        status: 'active',
        plan: 'pro',
      });
    });

    it('rejects a tampered body, a wrong secret, an expired timestamp and a missing header with 400 and stores nothing', async () => {
      const event = scenario.activeMonthly({ customerId: 'cus_bad' }).events[0]!;
      const body = JSON.stringify(event);
      const signed = webhookRequest(event, { timestamp: nowSec() });
      const tampered = { ...signed, body: body.replace('cus_bad', 'cus_evil') };
      const attempts: RequestInit[] = [
        tampered,
        webhookRequest(event, { timestamp: nowSec(), secret: 'whsec_someone_elses_secret' }),
        webhookRequest(event, { timestamp: nowSec() - 301 }),
        { method: 'POST', headers: { 'content-type': 'application/json' }, body },
      ];
      for (const init of attempts) {
        const res = await h().app.request('/webhooks/stripe', init);
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ code: 'INVALID_SIGNATURE', status: 400 });
      }
      expect(await rows(h(), stripeEvents)).toBe(0);
      expect(await rows(h(), customers)).toBe(0);
      const failures = await h().deps.metrics.signatureFailures.get();
      expect(failures.values[0]?.value).toBeGreaterThanOrEqual(4);
    });

    it('accepts events signed with any of the rotated secrets', async () => {
      const rotated = 'whsec_rotated_new_secret_123';
      const local = await import('../support/harness.ts').then((m) =>
        m.createHarness({
          driver: 'pglite',
          clock,
          env: { STRIPE_WEBHOOK_SECRET: `${TEST_SECRETS.STRIPE_WEBHOOK_SECRET},${rotated}` },
        }),
      );
      try {
        const event = scenario.activeMonthly({ customerId: 'cus_rot' }).events[0]!;
        const res = await local.app.request(
          '/webhooks/stripe',
          webhookRequest(event, { secret: rotated, timestamp: nowSec() }),
        );
        expect(res.status).toBe(200);
      } finally {
        await local.close();
      }
    });

    it('applies an event delivered twice once: the second answers 200 as a duplicate and changes nothing', async () => {
      const [first] = scenario.activeMonthly({ customerId: 'cus_dup' }).events;
      clock.t = first!.created * 1000;
      expect(await (await post(h(), first)).json()).toMatchObject({ outcome: 'applied' });
      const before = await h()
        .deps.db.select()
        .from(customers)
        .where(eq(customers.stripeCustomerId, 'cus_dup'));
      const again = await post(h(), first);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ outcome: 'duplicate' });
      const after = await h()
        .deps.db.select()
        .from(customers)
        .where(eq(customers.stripeCustomerId, 'cus_dup'));
      expect(after[0]?.version).toBe(before[0]?.version);
      expect(after[0]?.record).toEqual(before[0]?.record);
      const [ev] = await h().deps.db.select().from(stripeEvents).where(eq(stripeEvents.id, first!.id));
      expect(ev?.duplicateCount).toBe(1);
    });

    it('reaches the true final record from shuffled, duplicated deliveries', async () => {
      const truth = scenario.renewalFailsThenRecovers({ customerId: 'cus_true', authUserId: 'user_true' });
      await deliverAll(h(), truth.events);
      const expected = await recordOf(h(), 'cus_true');
      for (const seed of [7, 42]) {
        await h().reset();
        const storm = seededShuffle([...truth.events, ...truth.events, ...truth.events.slice(0, 4)], seed);
        clock.t = truth.end * 1000;
        for (const e of storm) expect((await post(h(), e)).status).toBe(200);
        expect(await recordOf(h(), 'cus_true')).toEqual(expected);
      }
      expect(expected?.subscription?.status).toBe('active');
    });

    it('stores unsupported event types as ignored and answers 200', async () => {
      const event = {
        id: 'evt_unsupported_1',
        object: 'event',
        type: 'product.created',
        created: nowSec(),
        data: { object: { id: 'prod_1', object: 'product' } },
      };
      const res = await post(h(), event);
      expect(await res.json()).toMatchObject({ outcome: 'ignored' });
      const [row] = await h()
        .deps.db.select()
        .from(stripeEvents)
        .where(eq(stripeEvents.id, 'evt_unsupported_1'));
      expect(row?.outcome).toBe('ignored');
      expect(await rows(h(), customers)).toBe(0);
    });

    it('answers 413 to a body over 1 MiB and stores nothing', async () => {
      const big = {
        id: 'evt_big',
        type: 'customer.updated',
        created: nowSec(),
        data: { object: { id: 'cus_big', pad: 'x'.repeat(1024 * 1024) } },
      };
      const res = await post(h(), big);
      expect(res.status).toBe(413);
      expect(await rows(h(), stripeEvents)).toBe(0);
    });

    it('answers 500 when the database fails mid-transaction and commits nothing, then applies the redelivery', async () => {
      const s = scenario.activeMonthly({ customerId: 'cus_dbfail', authUserId: 'user_dbfail' });
      clock.t = s.end * 1000;
      await h().deps.dbHandle.exec('alter table jobs rename to jobs_gone');
      try {
        const results: number[] = [];
        for (const e of s.events) results.push((await post(h(), e)).status);
        expect(results).toContain(500);
        const failed = s.events.filter((_, i) => results[i] === 500).map((e) => e.id);
        const stored = await h().deps.db.select({ id: stripeEvents.id }).from(stripeEvents);
        for (const id of failed) expect(stored.map((r) => r.id)).not.toContain(id);
      } finally {
        await h().deps.dbHandle.exec('alter table jobs_gone rename to jobs');
      }
      await deliverAll(h(), s.events);
      expect(await accessOf(h(), 'user_dbfail')).toMatchObject({ hasAccess: true, status: 'active' });
      expect(await rows(h(), jobs)).toBeGreaterThan(0);
    });

    it('accepts every real 2020-era Stripe event payload without a 5xx', async () => {
      const dir = join(import.meta.dirname, '../../../shared/fixtures/stripe/events-2020');
      const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
      expect(files.length).toBeGreaterThan(50);
      for (const f of files) {
        const event = JSON.parse(readFileSync(join(dir, f), 'utf8'));
        const res = await post(h(), event);
        expect(res.status, f).toBe(200);
      }
    });

    it('first payment failed: incomplete, no access', async () => {
      const s = scenario.firstPaymentFails({ customerId: 'cus_ff', authUserId: 'user_ff', expire: false });
      await deliverAll(h(), s.events);
      expect(await accessOf(h(), 'user_ff')).toMatchObject({ hasAccess: false, status: 'incomplete' });
    });

    it('failed renewal: past_due (never active), access only within the grace period', async () => {
      const tl = checkoutPaid(new Timeline({ customerId: 'cus_pd', authUserId: 'user_pd' }));
      const period = tl.nextPeriod();
      failRenewal(tl, 0);
      await deliverAll(h(), tl.events);
      const failedAt = period.periodStart! * 1000;
      clock.t = failedAt + 2 * DAY * 1000;
      expect(await accessOf(h(), 'user_pd')).toMatchObject({ hasAccess: true, status: 'past_due' });
      clock.t = failedAt + 8 * DAY * 1000;
      expect(await accessOf(h(), 'user_pd')).toMatchObject({ hasAccess: false, status: 'past_due' });
    });

    it('cancellation revokes access and queues the CRM close-the-loop effect', async () => {
      const s = scenario.cancelNow({ customerId: 'cus_cn', authUserId: 'user_cn' });
      await deliverAll(h(), s.events);
      expect(await accessOf(h(), 'user_cn')).toMatchObject({ hasAccess: false, status: 'canceled' });
      const crm = await h().deps.db.select().from(jobs).where(eq(jobs.kind, 'crm.upsertContact'));
      expect(crm.some((j) => (j.payload as { lifecycle?: string }).lifecycle === 'churned')).toBe(true);
    });

    it('a conflict (two auth users claim one customer) sets needs_review and queues one alert', async () => {
      const s = scenario.conflictingUsers({ customerId: 'cus_cf', authUserId: 'user_cf' });
      await deliverAll(h(), s.events);
      const record = await recordOf(h(), 'cus_cf');
      expect(record?.review.state).toBe('needs_review');
      expect(record?.review.reason).toBe('conflicting_auth_user');
      const alerts = await h().deps.db.select().from(jobs).where(eq(jobs.kind, 'alert.notify'));
      expect(alerts).toHaveLength(1);
    });
  },
  { clock },
);
