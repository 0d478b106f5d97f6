// Acceptance: a month of events for 50 customers, every event delivered three times at once in
// shuffled order through the webhook route while two workers drain the outbox into the fake targets.
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { lifecycleOf } from '../src/billing/effects-plan.ts';
import { getRecordByCustomer } from '../src/billing/queries.ts';
import type { Deps } from '../src/deps.ts';
import { type Scenario, scenario } from './factories/stripe-events.ts';
import { allJobs, testWorker } from './fakes/outbox.ts';
import { startTargets, type Targets } from './fakes/targets.ts';
import { describeEachDriver } from './support/harness.ts';
import { webhookRequest } from './support/stripe.ts';

const CUSTOMERS = 50;
const COPIES = 3;
const IN_FLIGHT = 24;
const MONTH_START = Date.parse('2026-03-01T00:00:00Z');

/** A realistic mix: most customers pay and renew, some fail and recover, upgrade, cancel or trial. */
function monthOfCustomers(): Scenario[] {
  const mix = [
    (o: object) => scenario.activeMonthly({ ...o, renewals: 1 }),
    (o: object) => scenario.renewalFailsThenRecovers(o),
    (o: object) => scenario.planUpgrade(o),
    (o: object) => scenario.cancelNow(o),
    (o: object) => scenario.trialToActive(o),
    (o: object) => scenario.cancelAtPeriodEnd({ ...o, ended: false }),
    (o: object) => scenario.activeMonthly(o),
    (o: object) => scenario.refunded(o),
    (o: object) => scenario.firstPaymentFails(o),
    (o: object) => scenario.conflictingUsers(o),
  ];
  return Array.from({ length: CUSTOMERS }, (_, i) => {
    const id = String(i).padStart(3, '0');
    const start = new Date(MONTH_START + i * 13 * 3_600_000); // spread over the month
    return mix[i % mix.length]!({ customerId: `cus_storm_${id}`, authUserId: `user_storm_${id}`, start });
  });
}

async function runPool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++] as T);
  });
  await Promise.all(lanes);
}

describeEachDriver('replay storm', (h) => {
  let t: Targets;
  beforeEach(async () => {
    t = await startTargets();
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates each CRM contact once, sends each e-mail once, leaves true records and no job behind', async () => {
    const deps: Deps = { ...h().deps, config: t.config(h().deps.config) };
    const customers = monthOfCustomers();
    const deliveries = fc.sample(
      fc.shuffledSubarray(
        customers.flatMap((c) => c.events.flatMap((e) => Array.from({ length: COPIES }, () => e))),
        { minLength: customers.reduce((n, c) => n + c.events.length * COPIES, 0) },
      ),
      { numRuns: 1, seed: 20260301 },
    )[0]!;
    const workers = [testWorker(deps, { workerId: 'storm-a' }), testWorker(deps, { workerId: 'storm-b' })];
    for (const w of workers) await w.start();
    const statuses = new Map<number, number>();
    await runPool(deliveries, IN_FLIGHT, async (event) => {
      const res = await h().app.request('/webhooks/stripe', webhookRequest(event));
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    });
    await Promise.all(workers.map((w) => w.drain({ timeoutMs: 60_000 })));
    for (const w of workers) await w.stop();

    expect(Object.fromEntries(statuses)).toEqual({ 200: deliveries.length });
    const jobs = await allJobs(h().deps.db);
    expect(jobs.filter((j) => j.status !== 'done')).toEqual([]);

    const crmJobs = jobs.filter((j) => j.kind === 'crm.upsertContact');
    const crmCustomers = new Set(crmJobs.map((j) => j.stripeCustomerId));
    expect(t.hubspot.created).toBe(crmCustomers.size);
    expect(t.hubspot.contacts.size).toBe(crmCustomers.size);

    const emailJobs = jobs.filter((j) => j.kind === 'email.send');
    expect(emailJobs.length).toBeGreaterThan(CUSTOMERS);
    expect(t.resend.emails.map((e) => e.idempotencyKey).sort()).toEqual(emailJobs.map((j) => j.key).sort());
    expect(t.slack.messages).toHaveLength(jobs.filter((j) => j.kind === 'alert.notify').length);

    for (const c of customers) {
      const record = await getRecordByCustomer(h().deps.db, c.customerId);
      expect(record?.subscription?.status ?? null, c.name).toBe(c.expected.status);
      expect(record?.review.state, c.name).toBe(c.expected.review);
      if (c.expected.planId) expect(record?.subscription?.planId, c.name).toBe(c.expected.planId);
      if (!crmCustomers.has(c.customerId)) continue;
      // HubSpot ends on the record's final state whatever order the syncs ran in.
      const contact = t.hubspot.byEmail(c.email);
      expect(record?.crmContactId, c.name).toBe(contact?.id);
      expect(contact?.properties.ledgerdesk_lifecycle, c.name).toBe(lifecycleOf(record!));
      expect(contact?.properties.ledgerdesk_plan, c.name).toBe(record?.subscription?.planId ?? '');
    }
  }, 180_000);
});
