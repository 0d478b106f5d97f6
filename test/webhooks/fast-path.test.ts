// The webhook fast path (src/webhooks/ingest-batch.ts): concurrent deliveries share one statement,
// and every case it cannot prove safe goes to the locking path and still ends right.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { newPaymentRefs } from '../../src/billing/payment-refs.ts';
import { DEFAULT_PLAN_CATALOGUE } from '../../src/billing/plans.ts';
import type { BillingRecord } from '../../src/billing/record.ts';
import { customerIdOf, paymentRefsOf, reduce } from '../../src/billing/reduce.ts';
import { rowsOf } from '../../src/db/client.ts';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.ts';
import { customers, stripeEvents } from '../../src/db/schema/index.ts';
import { ingestBatch } from '../../src/webhooks/ingest-batch.ts';
import { RecordCache } from '../../src/webhooks/record-cache.ts';
import { SCENARIO_NAMES, scenario, type TestEvent } from '../factories/stripe-events.ts';
import { serveFake } from '../fakes/serve.ts';
import { TEST_SECRETS } from '../support/config.ts';
import { describeEachDriver, type Harness } from '../support/harness.ts';
import { webhookRequest } from '../support/stripe.ts';

const clock = { t: Date.UTC(2026, 0, 5, 10), now: () => new Date(clock.t) };

async function post(h: Harness, event: TestEvent) {
  clock.t = Math.max(clock.t, event.created * 1000);
  const res = await h.app.request(
    '/webhooks/stripe',
    webhookRequest(event, { timestamp: Math.floor(clock.t / 1000) }),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { outcome: string };
}

async function recordOf(h: Harness, id: string): Promise<BillingRecord | undefined> {
  const [row] = await h.deps.db.select().from(customers).where(eq(customers.stripeCustomerId, id));
  return row?.record;
}

async function counter(h: Harness, name: string, labels = ''): Promise<number> {
  const text = await h.deps.metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

/** The reducer's context in these tests: the built-in catalogue, the default grace period. */
const CTX = { catalogue: DEFAULT_PLAN_CATALOGUE, graceDays: 7 };

/** Each customer's record from the pure reducer, events applied in true order. */
function truth(events: TestEvent[]): Map<string, BillingRecord> {
  const out = new Map<string, BillingRecord>();
  for (const e of events) {
    const id = customerIdOf(e);
    if (!id) continue;
    const r = reduce(out.get(id) ?? null, e, CTX);
    if (r.outcome !== 'ignored') out.set(id, r.record);
  }
  return out;
}

/**
 * One customer's record with its events applied in order on top of `start`; unlike truth(), a
 * dispute (which names no customer) applies to the record it follows.
 */
function appliedInOrder(start: BillingRecord | null, events: TestEvent[]): BillingRecord | null {
  let record = start;
  for (const e of events) {
    const r = reduce(record, e, CTX);
    if (r.outcome !== 'ignored') record = r.record;
  }
  return record;
}

/** The first event whose record gains a payment ref the dispute names: before it, the dispute waits. */
function registeringEvent(events: TestEvent[], dispute: TestEvent): TestEvent {
  const refs = paymentRefsOf(dispute);
  let prev: BillingRecord | null = null;
  const found = events.find((e) => {
    if (e === dispute) return false;
    const next = reduce(prev, e, CTX).record;
    const gained = newPaymentRefs(prev, next);
    prev = next;
    return gained.includes(refs.chargeId ?? '') || gained.includes(refs.paymentIntentId ?? '');
  });
  if (!found) throw new Error(`no event registers the payment of ${dispute.id}`);
  return found;
}

describeEachDriver(
  'webhook fast path',
  (h) => {
    it('writes concurrent deliveries together, several events per statement, and reaches the true records', async () => {
      const lifecycles = SCENARIO_NAMES.filter((n) => n !== 'disputed').map((name, i) =>
        scenario[name]({ customerId: `cus_fp${i}`, authUserId: `user_fp${i}` }),
      );
      const events = lifecycles.flatMap((s) => s.events);
      clock.t = Math.max(...events.map((e) => e.created * 1000));
      // Every customer's lifecycle in order, all customers at once: the batcher sees a queue.
      await Promise.all(
        lifecycles.map(async (s) => {
          for (const e of s.events) await post(h(), e);
        }),
      );
      const batches = await counter(h(), 'ledgerdesk_ingest_batch_events_count');
      const batched = await counter(h(), 'ledgerdesk_ingest_batch_events_sum');
      expect(await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}')).toBe(0);
      expect(batched).toBe(events.length);
      expect(batches).toBeLessThan(events.length);
      for (const [id, record] of truth(events)) expect(await recordOf(h(), id), id).toEqual(record);
      const [stored] = rowsOf<{ n: number }>(
        await h().deps.db.execute(sql`select count(*)::int as n from stripe_events`),
      );
      expect(stored?.n).toBe(events.length);
    });

    it('a record changed behind its cached copy makes the write fail as a whole and the locking path apply it', async () => {
      const s = scenario.activeMonthly({ customerId: 'cus_fpc', authUserId: 'user_fpc' });
      const [first, ...rest] = s.events;
      await post(h(), first!);
      // Another path (here a person's link) changes the record; the fast path's cached copy is now old.
      const link = await h().app.request('/v1/customers/link', {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_SECRETS.HOST_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          authUserId: 'user_fpc',
          stripeCustomerId: 'cus_fpc',
          email: 'fpc@example.com',
        }),
      });
      expect(link.status).toBeLessThan(300);
      const before = await recordOf(h(), 'cus_fpc');
      const conflicts = await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}');
      for (const e of rest) await post(h(), e);
      expect(await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}')).toBe(
        conflicts + 1,
      );
      const after = await recordOf(h(), 'cus_fpc');
      // Nothing the link wrote was lost, and every later event applied on top of it.
      expect(after).toEqual(appliedInOrder(before!, rest));
    });

    it('a customer.created that is not the first news of its customer: the guess "new customer" fails as a whole and a re-read applies it', async () => {
      const s = scenario.activeMonthly({ customerId: 'cus_fpn', authUserId: 'user_fpn' });
      const created = s.events.find((e) => e.type === 'customer.created')!;
      const others = s.events.filter((e) => e !== created);
      for (const e of others) await post(h(), e);
      // As after a restart or on another instance: the row exists, this process has no copy of it.
      h().deps.recordCache.clear();
      const conflicts = await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}');
      const batched = await counter(h(), 'ledgerdesk_ingest_batch_events_sum');
      expect((await post(h(), created)).outcome).toBe('applied');
      // One failed guess, then the retry read the row and wrote on the fast path.
      expect(await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}')).toBe(
        conflicts + 1,
      );
      expect(await counter(h(), 'ledgerdesk_ingest_batch_events_sum')).toBe(batched + 1);
      expect(await recordOf(h(), 'cus_fpn')).toEqual(truth(s.events).get('cus_fpn'));
      const [row] = await h().deps.db.select().from(stripeEvents).where(eq(stripeEvents.id, created.id));
      expect(row?.outcome).toBe('applied');
    });

    it('stores the payload as Stripe sent it: the verified raw body, not the event serialised again', async () => {
      const [created] = scenario.activeMonthly({ customerId: 'cus_fpr', authUserId: 'user_fpr' }).events;
      // A number JavaScript cannot hold exactly: parsing and serialising again would round it.
      const body = `${JSON.stringify(created).slice(0, -1)}, "precise": 12345678901234567891}`;
      clock.t = Math.max(clock.t, created!.created * 1000);
      const res = await h().app.request(
        '/webhooks/stripe',
        webhookRequest(created, { body, timestamp: Math.floor(clock.t / 1000) }),
      );
      expect(res.status).toBe(200);
      const [row] = rowsOf<{ precise: string; same: boolean }>(
        await h().deps.db.execute(
          sql`select payload->>'precise' as precise, payload - 'precise' = ${JSON.stringify(created)}::jsonb as same
              from stripe_events where id = ${created!.id}`,
        ),
      );
      expect(row).toEqual({ precise: '12345678901234567891', same: true });
    });

    it('a redelivered event is answered as a duplicate and counted, without leaving the fast path', async () => {
      const s = scenario.activeMonthly({ customerId: 'cus_fpd', authUserId: 'user_fpd' });
      for (const e of s.events) await post(h(), e);
      const record = await recordOf(h(), 'cus_fpd');
      const again = s.events[1]!;
      const conflicts = await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}');
      expect((await post(h(), again)).outcome).toBe('duplicate');
      expect(await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}')).toBe(conflicts);
      const [row] = await h().deps.db.select().from(stripeEvents).where(eq(stripeEvents.id, again.id));
      expect(row?.duplicateCount).toBe(1);
      expect(await recordOf(h(), 'cus_fpd')).toEqual(record);
    });

    it('a dispute after its payment is written on the fast path as an event of the customer that registered the payment', async () => {
      const s = scenario.disputed({ customerId: 'cus_fpy', authUserId: 'user_fpy' });
      const dispute = s.events.find((e) => e.type === 'charge.dispute.created')!;
      for (const e of s.events.filter((e) => e !== dispute)) await post(h(), e);
      const before = await recordOf(h(), 'cus_fpy');
      const conflicts = await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}');
      const batched = await counter(h(), 'ledgerdesk_ingest_batch_events_sum');
      expect((await post(h(), dispute)).outcome).toBe('needs_review');
      expect(await counter(h(), 'ledgerdesk_ingest_batch_events_sum')).toBe(batched + 1);
      expect(await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}')).toBe(conflicts);
      const expected = reduce(before!, dispute, CTX).record;
      expect(expected.facts.disputes).toHaveLength(1);
      expect(await recordOf(h(), 'cus_fpy')).toEqual(expected);
      const [row] = await h().deps.db.select().from(stripeEvents).where(eq(stripeEvents.id, dispute.id));
      expect(row?.stripeCustomerId).toBe('cus_fpy');
      expect(row?.outcome).toBe('needs_review');
      // Delivered again: a duplicate, counted, still on the fast path.
      expect((await post(h(), dispute)).outcome).toBe('duplicate');
      expect(await counter(h(), 'ledgerdesk_ingest_batch_events_sum')).toBe(batched + 2);
    });

    it('a dispute that arrived before its payment makes that payment take the locking path, which applies the dispute', async () => {
      const s = scenario.disputed({ customerId: 'cus_fpx', authUserId: 'user_fpx' });
      const dispute = s.events.find((e) => e.type === 'charge.dispute.created')!;
      const others = s.events.filter((e) => e !== dispute);
      expect((await post(h(), dispute)).outcome).toBe('deferred');
      const waits = await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="waiting_dispute"}');
      for (const e of others) await post(h(), e);
      expect(await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="waiting_dispute"}')).toBe(
        waits + 1,
      );
      const record = await recordOf(h(), 'cus_fpx');
      expect(record?.review.state).toBe('needs_review');
      expect(record?.facts.disputes.map((d) => d.id)).toEqual([(dispute.data.object as { id: string }).id]);
      const [row] = await h().deps.db.select().from(stripeEvents).where(eq(stripeEvents.id, dispute.id));
      expect(row?.outcome).not.toBe('deferred');
      expect(row?.stripeCustomerId).toBe('cus_fpx');
      const waiting = rowsOf<{ n: number }>(
        await h().deps.db.execute(
          sql`select count(*)::int as n from payment_refs where cardinality(deferred) > 0`,
        ),
      );
      expect(waiting[0]?.n).toBe(0);
    });

    it("a waiting dispute sends only its customer's events to the locking path, at the first failure; the rest of the batch is written on the fast path", async () => {
      const a = scenario.disputed({ customerId: 'cus_fpv', authUserId: 'user_fpv' });
      const b = scenario.activeMonthly({ customerId: 'cus_fpu', authUserId: 'user_fpu' });
      const dispute = a.events.find((e) => e.type === 'charge.dispute.created')!;
      // The event of A that registers the disputed payment: before it, the dispute has nowhere to go.
      const payment = registeringEvent(a.events, dispute);
      const aBefore = a.events.slice(0, a.events.indexOf(payment)).filter((e) => e !== dispute);
      const aAfter = a.events.slice(a.events.indexOf(payment) + 1).filter((e) => e !== dispute);
      const bLast = b.events.at(-1)!;
      for (const e of aBefore) await post(h(), e);
      for (const e of b.events.slice(0, -1)) await post(h(), e);
      expect((await post(h(), dispute)).outcome).toBe('deferred');

      const conflicts = await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}');
      const waits = await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="waiting_dispute"}');
      const batched = await counter(h(), 'ledgerdesk_ingest_batch_events_sum');
      clock.t = Math.max(clock.t, payment.created * 1000, bLast.created * 1000);
      const results = await ingestBatch(h().deps, [payment, bLast], 'webhook');
      for (const r of results) expect(r).not.toBeInstanceOf(Error);
      // One failed statement, told apart at once: no second attempt of the whole batch.
      expect(await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="waiting_dispute"}')).toBe(
        waits + 1,
      );
      expect(await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}')).toBe(conflicts);
      // B's event was written by the fast path; A's payment by the locking path, which applied the dispute.
      expect(await counter(h(), 'ledgerdesk_ingest_batch_events_sum')).toBe(batched + 1);
      const waiting = rowsOf<{ n: number }>(
        await h().deps.db.execute(
          sql`select count(*)::int as n from payment_refs where cardinality(deferred) > 0`,
        ),
      );
      expect(waiting[0]?.n).toBe(0);
      expect((await recordOf(h(), 'cus_fpv'))?.facts.disputes.map((d) => d.id)).toEqual([
        (dispute.data.object as { id: string }).id,
      ]);
      for (const e of aAfter) await post(h(), e);
      const record = await recordOf(h(), 'cus_fpv');
      expect(record?.review.state).toBe('needs_review');
      expect(record?.facts.disputes).toHaveLength(1);
      expect(await recordOf(h(), 'cus_fpu')).toEqual(truth(b.events).get('cus_fpu'));
    });

    it('a record the locking path wrote is read again by the next batch, not compared against its old cached copy', async () => {
      const s = scenario.disputed({ customerId: 'cus_fpw', authUserId: 'user_fpw' });
      const dispute = s.events.find((e) => e.type === 'charge.dispute.created')!;
      const others = s.events.filter((e) => e !== dispute);
      for (const e of others) await post(h(), e);
      // The dispute as the batcher hands over one whose payment it could not find in time (the
      // payment's batch still in flight): no customer, so the locking path routes it and writes.
      const [routed] = await ingestBatch(h().deps, [dispute], 'webhook', [null]);
      expect(routed).toMatchObject({ outcome: 'needs_review', stripeCustomerId: 'cus_fpw' });
      const conflicts = await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}');
      // Another event of that customer (the checkout's snapshot again, under a new id).
      const checkout = others.find((e) => e.type === 'checkout.session.completed')!;
      await post(h(), { ...checkout, id: `${checkout.id}_again` });
      expect(await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}')).toBe(conflicts);
      expect((await recordOf(h(), 'cus_fpw'))?.facts.disputes).toHaveLength(1);
    });

    it('a customer.created delivered after the locking path wrote its customer is read, not presumed new: no failed statement', async () => {
      const s = scenario.disputed({ customerId: 'cus_fpl', authUserId: 'user_fpl' });
      const dispute = s.events.find((e) => e.type === 'charge.dispute.created')!;
      const created = s.events.find((e) => e.type === 'customer.created')!;
      const payment = registeringEvent(s.events, dispute);
      const before = s.events
        .slice(0, s.events.indexOf(payment))
        .filter((e) => e !== dispute && e !== created);
      const after = s.events.slice(s.events.indexOf(payment) + 1).filter((e) => e !== dispute);
      const conflicts = await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}');
      const waits = await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="waiting_dispute"}');
      // Delivered out of order, as after a backlog: the dispute first, customer.created right after
      // the disputed payment. That payment's batch sends the customer to the locking path, which
      // writes the record; the customer.created comes next, before any batch has read it again.
      expect((await post(h(), dispute)).outcome).toBe('deferred');
      for (const e of before) await post(h(), e);
      await post(h(), payment);
      expect(await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="waiting_dispute"}')).toBe(
        waits + 1,
      );
      expect(h().deps.recordCache.get('cus_fpl')).toBeUndefined();
      expect(h().deps.recordCache.rowExists('cus_fpl')).toBe(true);
      await post(h(), created);
      for (const e of after) await post(h(), e);
      expect(await counter(h(), 'ledgerdesk_ingest_fallbacks_total', '{reason="conflict"}')).toBe(conflicts);
      // The true record: every event in order, the dispute applied to the record it names the payment of.
      const expected = appliedInOrder(null, s.events);
      expect(expected?.facts.disputes).toHaveLength(1);
      expect(await recordOf(h(), 'cus_fpl')).toEqual(expected);
    });

    it("disputes delivered at the same moment as their customers' other events end in the true records", async () => {
      const lifecycles = [0, 1, 2, 3].map((i) =>
        scenario.disputed({ customerId: `cus_fpz${i}`, authUserId: `user_fpz${i}` }),
      );
      const events = lifecycles.flatMap((l) => l.events);
      clock.t = Math.max(clock.t, ...events.map((e) => e.created * 1000));
      const outcomes = await Promise.all(events.map((e) => post(h(), e)));
      expect(outcomes.filter((o) => o.outcome === 'duplicate')).toEqual([]);
      for (const l of lifecycles) {
        const record = await recordOf(h(), l.customerId);
        expect(record, l.customerId).toEqual(appliedInOrder(null, l.events));
        expect(record?.facts.disputes).toHaveLength(1);
      }
    });

    it('a dispute that arrives after its payment finds the customer through payment_refs', async () => {
      const s = scenario.disputed({ customerId: 'cus_fpy', authUserId: 'user_fpy' });
      for (const e of s.events) await post(h(), e);
      const record = await recordOf(h(), 'cus_fpy');
      expect(record?.facts.disputes).toHaveLength(1);
      expect(record?.review.state).toBe('needs_review');
    });

    it('over a real socket: a declared length over 1 MiB is refused from the header, and bodies are read whole, chunked or not', async () => {
      const served = await serveFake(h().app as unknown as Parameters<typeof serveFake>[0]);
      try {
        const s = scenario.activeMonthly({ customerId: 'cus_fps', authUserId: 'user_fps' });
        const first = s.events[0]!;
        const init = webhookRequest(first, { timestamp: Math.floor(clock.t / 1000) });
        const body = String(init.body);
        // fetch sends a string with Content-Length: the direct read.
        const ok = await fetch(`${served.url}/webhooks/stripe`, init);
        expect(ok.status).toBe(200);
        // The same bytes as a stream: chunked, no Content-Length.
        const chunked = await fetch(`${served.url}/webhooks/stripe`, {
          ...init,
          body: new Blob([body]).stream(),
          duplex: 'half',
        } as RequestInit);
        expect(chunked.status).toBe(200);
        expect(((await chunked.json()) as { outcome: string }).outcome).toBe('duplicate');
        const big = JSON.stringify({ ...first, id: 'evt_fps_big', pad: 'x'.repeat(1024 * 1024) });
        const tooBig = await fetch(`${served.url}/webhooks/stripe`, {
          ...webhookRequest(null, { timestamp: Math.floor(clock.t / 1000), body: big }),
        });
        expect(tooBig.status).toBe(413);
        const bigChunked = await fetch(`${served.url}/webhooks/stripe`, {
          ...webhookRequest(null, { timestamp: Math.floor(clock.t / 1000), body: big }),
          body: new Blob([big]).stream(),
          duplex: 'half',
        } as RequestInit);
        expect(bigChunked.status).toBe(413);
        const [row] = await h().deps.db.select().from(stripeEvents).where(eq(stripeEvents.id, 'evt_fps_big'));
        expect(row).toBeUndefined();
      } finally {
        await served.close();
      }
    });

    it('the migration registers the payments existing records have seen and the disputes still waiting', async () => {
      // One customer whose record has seen its payment; another's dispute still waiting for its.
      const paid = scenario.disputed({ customerId: 'cus_fpm', authUserId: 'user_fpm' });
      for (const e of paid.events.filter((x) => x.type !== 'charge.dispute.created')) await post(h(), e);
      const waiting = scenario.disputed({ customerId: 'cus_fpw', authUserId: 'user_fpw' });
      const dispute = waiting.events.find((e) => e.type === 'charge.dispute.created')!;
      expect((await post(h(), dispute)).outcome).toBe('deferred');
      // As before migration 0004 added it: no payment_refs rows at all.
      await h().deps.dbHandle.exec('delete from payment_refs');
      const migration = readFileSync(join(MIGRATIONS_FOLDER, '0004_payment_refs.sql'), 'utf8');
      const backfill = migration
        .split('--> statement-breakpoint')
        .filter((s) => /INSERT INTO "payment_refs"/.test(s));
      expect(backfill).toHaveLength(2);
      for (const statement of backfill) await h().deps.dbHandle.exec(statement);
      const refs = rowsOf<{ ref: string; stripe_customer_id: string | null; deferred: string[] }>(
        await h().deps.db.execute(
          sql`select ref, stripe_customer_id, to_jsonb(deferred) as deferred from payment_refs order by ref`,
        ),
      );
      const record = await recordOf(h(), 'cus_fpm');
      const seen = record!.facts.payments.flatMap((p) => [p.chargeId, p.paymentIntentId]).filter(Boolean);
      expect(seen.length).toBeGreaterThan(0);
      for (const ref of seen) expect(refs.find((r) => r.ref === ref)?.stripe_customer_id).toBe('cus_fpm');
      const { chargeId } = paymentRefsOf(dispute);
      expect(refs.find((r) => r.ref === chargeId)).toEqual({
        ref: chargeId,
        stripe_customer_id: null,
        deferred: [dispute.id],
      });
    });
  },
  { clock },
);

it('RecordCache keeps the most recently used records up to its size', () => {
  const cache = new RecordCache(2);
  const entry = (v: number) => ({ record: { stripeCustomerId: `c${v}` } as BillingRecord, version: v });
  cache.set('a', entry(1));
  cache.set('b', entry(2));
  expect(cache.get('a')?.version).toBe(1); // a is now the most recent
  cache.set('c', entry(3));
  expect(cache.get('b')).toBeUndefined();
  expect(cache.get('a')?.version).toBe(1);
  expect(cache.get('c')?.version).toBe(3);
  // Written elsewhere: no record to hand out, but the row is known to exist.
  cache.written('c');
  expect(cache.get('c')).toBeUndefined();
  expect(cache.rowExists('c')).toBe(true);
  // Forgetting keeps what was known of a row and learns nothing of an unknown customer.
  cache.set('d', entry(4));
  cache.forget('d');
  cache.forget('e');
  expect(cache.get('d')).toBeUndefined();
  expect(cache.rowExists('d')).toBe(true);
  expect(cache.rowExists('e')).toBe(false);
  // Rows known only to exist count toward the size bound like records (a was the oldest, and went).
  expect(cache.size).toBe(2);
  expect(cache.rowExists('a')).toBe(false);
  const off = new RecordCache(0);
  off.set('a', entry(1));
  expect(off.get('a')).toBeUndefined();
});
