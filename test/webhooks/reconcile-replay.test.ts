import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customers, stripeEvents } from '../../src/db/schema/index.ts';
import { createStripe } from '../../src/deps.ts';
import { reconcile } from '../../src/webhooks/reconcile.ts';
import { replayFile } from '../../src/webhooks/replay.ts';
import { customerObject, scenario } from '../factories/stripe-events.ts';
import { TEST_SECRETS, testConfig } from '../support/config.ts';
import { type FakeStripeApi, startFakeStripeApi } from '../support/fake-stripe-api.ts';
import { describeEachDriver, type Harness } from '../support/harness.ts';

const clock = { t: Date.UTC(2026, 0, 5, 10), now: () => new Date(clock.t) };
let fake: FakeStripeApi;
beforeAll(async () => {
  fake = await startFakeStripeApi({ key: TEST_SECRETS.STRIPE_SECRET_KEY, pageSize: 2 });
});
afterAll(async () => fake.close());

async function recordOf(h: Harness, id: string) {
  const [row] = await h.deps.db.select().from(customers).where(eq(customers.stripeCustomerId, id));
  return row?.record;
}

describeEachDriver(
  'reconcile and replay',
  (h) => {
    it('replay applies an exported JSONL file through the ingest path and keeps idempotency', async () => {
      const s = scenario.activeMonthly({ customerId: 'cus_rp', authUserId: 'user_rp', renewals: 2 });
      const file = join(tmpdir(), `replay-${process.pid}-${Date.now()}.jsonl`);
      writeFileSync(file, `${s.events.map((e) => JSON.stringify(e)).join('\n')}\nnot json\n`);
      const progress: number[] = [];
      const first = await replayFile(h().deps, file, (done) => progress.push(done));
      expect(first.total).toBe(s.events.length + 1);
      expect(first.invalid).toBe(1);
      expect(first.duplicate).toBe(0);
      expect(progress.at(-1)).toBe(s.events.length + 1);
      expect((await recordOf(h(), 'cus_rp'))?.subscription?.status).toBe('active');
      const second = await replayFile(h().deps, file);
      expect(second.duplicate).toBe(s.events.length);
      const [n] = await h()
        .deps.db.select({ n: count() })
        .from(stripeEvents)
        .where(eq(stripeEvents.source, 'replay'));
      expect(n?.n).toBe(s.events.length);
    });

    it('reconcile repairs a missed cancellation from the Stripe API and sweeps undelivered events', async () => {
      const s = scenario.activeMonthly({ customerId: 'cus_rc', authUserId: 'user_rc' });
      // Deliver all but the checkout.session.completed: that one "failed" and is listed as undelivered.
      const missed = s.events.find((e) => e.type === 'checkout.session.completed')!;
      await replayFile(h().deps, writeJsonl(s.events.filter((e) => e !== missed)));
      const subObj = s.events.filter((e) => e.type.startsWith('customer.subscription.')).at(-1)!.data
        .object as Record<string, unknown>;
      const canceledAt = s.end + 3600;
      fake.customers.splice(
        0,
        Infinity,
        <never>customerObject({ id: 'cus_rc', created: s.start, email: s.email, name: 'R C', userId: null }),
      );
      fake.subscriptions.splice(0, Infinity, {
        ...subObj,
        status: 'canceled',
        canceled_at: canceledAt,
        ended_at: canceledAt,
      } as never);
      fake.invoices.splice(0, Infinity);
      fake.undelivered.splice(0, Infinity, missed as never);
      clock.t = (canceledAt + 60) * 1000;
      const stripe = createStripe(testConfig({ STRIPE_API_URL: fake.url }));
      const summary = await reconcile({ ...h().deps, stripe });
      expect(summary.undelivered.applied + summary.undelivered.needs_review).toBe(1);
      expect(summary.snapshots.applied).toBeGreaterThanOrEqual(1);
      const record = await recordOf(h(), 'cus_rc');
      expect(record?.subscription?.status).toBe('canceled');
      expect(record?.access.hasAccess).toBe(false);
      expect(record?.authUserId).toBe('user_rc');
      const again = await reconcile({ ...h().deps, stripe });
      expect(again.snapshots.applied).toBe(0);
      expect(again.undelivered.duplicate).toBe(1);
      expect(fake.requests.some((r) => r.path === '/v1/events' && r.query.delivery_success === 'false')).toBe(
        true,
      );
    });
  },
  { clock },
);

function writeJsonl(events: unknown[]): string {
  const file = join(tmpdir(), `replay-${process.pid}-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n'));
  return file;
}
