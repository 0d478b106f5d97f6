import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Deps } from '../src/deps.ts';
import { type CrmClient, createHubspotClient, crmHandler } from '../src/jobs/crm-hubspot.ts';
import type { Handler } from '../src/jobs/delivery.ts';
import { webhookIdOf } from '../src/jobs/handoff-webhook.ts';
import { deliverLocally } from '../src/jobs/local-delivery.ts';
import { redriveAllDead } from '../src/jobs/redrive.ts';
import { isTargetDisabled } from '../src/jobs/target-state.ts';
import { scenario } from './factories/stripe-events.ts';
import {
  allJobs,
  attemptsOf,
  customerRow,
  enqueueAlerts,
  enqueueHandoff,
  ingestAll,
  jobsOfKind,
  testWorker,
} from './fakes/outbox.ts';
import { FAKE_CRM_TOKEN, startTargets, type Targets } from './fakes/targets.ts';
import { describeEachDriver } from './support/harness.ts';

describeEachDriver('effects against their targets', (h) => {
  let t: Targets;
  beforeEach(async () => {
    t = await startTargets();
  });
  afterEach(async () => {
    await t.close();
  });
  const deps = (): Deps => ({ ...h().deps, config: t.config(h().deps.config) });

  it('retries a CRM sync through 500s and, once HubSpot recovers, creates the contact once and stores its id', async () => {
    const s = scenario.activeMonthly({ customerId: 'cus_crm_flaky', plan: 'pro' });
    await ingestAll(deps(), s.events);
    t.hubspot.faults.failNext(2, 500);
    await testWorker(deps()).drain();
    const crm = await jobsOfKind(h().deps.db, 'crm.upsertContact');
    expect(crm.map((j) => j.status)).toEqual(crm.map(() => 'done'));
    const attempts = (await Promise.all(crm.map((j) => attemptsOf(h().deps.db, j.id)))).flat();
    const retries = attempts.filter((a) => a.outcome === 'retry');
    expect(retries).toHaveLength(2);
    for (const r of retries) expect(r.error).toContain('HTTP 500');
    expect(attempts.filter((a) => a.outcome === 'delivered')).toHaveLength(crm.length);
    expect(t.hubspot.created).toBe(1);
    const contact = t.hubspot.byEmail(s.email);
    expect(contact?.properties).toMatchObject({
      ledgerdesk_stripe_customer_id: s.customerId,
      ledgerdesk_plan: 'pro',
      ledgerdesk_lifecycle: 'customer',
      lifecyclestage: 'customer',
    });
    const row = await customerRow(h().deps.db, s.customerId);
    expect(row.crmContactId).toBe(contact?.id);
    expect(row.record.crmContactId).toBe(contact?.id);
  });

  it('dead-letters a CRM sync past its budget: needs_review, one alert per dead job; a re-drive delivers it', async () => {
    const s = scenario.activeMonthly({ customerId: 'cus_crm_down' });
    await ingestAll(deps(), s.events);
    t.hubspot.faults.down(503);
    await testWorker(deps()).drain();
    const dead = await jobsOfKind(h().deps.db, 'crm.upsertContact');
    expect(dead.length).toBeGreaterThan(0);
    for (const j of dead) expect(j).toMatchObject({ status: 'dead', attempts: 8 });
    const row = await customerRow(h().deps.db, s.customerId);
    expect(row.reviewState).toBe('needs_review');
    expect(row.record.review.issues.map((i) => i.key).sort()).toEqual(
      dead.map((j) => `effect:${j.key}#1`).sort(),
    );
    expect(t.slack.messages).toHaveLength(dead.length);
    for (const j of dead) expect(t.slack.messages.some((m) => m.text.includes(j.key))).toBe(true);

    t.hubspot.faults.up();
    expect(await redriveAllDead(h().deps.db)).toBe(dead.length);
    await testWorker(deps()).drain();
    const redriven = await jobsOfKind(h().deps.db, 'crm.upsertContact');
    expect(redriven.map((j) => j.status)).toEqual(dead.map(() => 'done'));
    expect(t.hubspot.created).toBe(1);
    expect(t.slack.messages).toHaveLength(dead.length);
  });

  it('writes the CRM contact again when the record changed while the sync was in flight', async () => {
    const upgrade = scenario.planUpgrade({ customerId: 'cus_crm_race', toPlan: 'business' });
    const checkout = scenario.activeMonthly({ customerId: 'cus_crm_race' }).events.length;
    await ingestAll(deps(), upgrade.events.slice(0, checkout));
    const [first] = await jobsOfKind(h().deps.db, 'crm.upsertContact');
    const real = createHubspotClient({ baseUrl: t.hubspot.url, token: FAKE_CRM_TOKEN });
    let raced = false;
    const racing: CrmClient = {
      async upsertByEmail(email, props, signal) {
        const contact = await real.upsertByEmail(email, props, signal);
        if (!raced) {
          raced = true; // the upgrade lands between this write and the job's completion
          await ingestAll(deps(), upgrade.events.slice(checkout));
        }
        return contact;
      },
      updateById: (id, props, signal) => real.updateById(id, props, signal),
    };
    // Only the first job talks to HubSpot: no later job can repair what it left behind.
    const onlyFirst: Handler = (ctx) =>
      ctx.job.id === first?.id ? crmHandler(racing)(ctx) : deliverLocally(ctx);
    const adapters = {
      'crm.upsertContact': onlyFirst,
      'email.send': deliverLocally,
      'alert.notify': deliverLocally,
      'handoff.deliver': deliverLocally,
    };
    await testWorker(deps(), { adapters, concurrency: 1 }).drain();
    expect(raced).toBe(true);
    expect(t.hubspot.created).toBe(1);
    expect(t.hubspot.byEmail(upgrade.email)?.properties.ledgerdesk_plan).toBe('business');
  });

  it('never raises an alert about an alert that could not be delivered', async () => {
    t.slack.faults.down(500);
    await enqueueAlerts(h().deps.db, 1);
    await testWorker(deps()).drain();
    const all = await allJobs(h().deps.db);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: 'alert.notify', status: 'dead', attempts: 5 });
  });

  it('sends an e-mail once when its first answer was lost and the retry reuses the idempotency key', async () => {
    const s = scenario.activeMonthly({ customerId: 'cus_mail' });
    await ingestAll(deps(), s.events);
    t.resend.faults.slowNext(1, 500);
    await testWorker(deps(), { timeoutMs: 150 }).drain();
    const mails = await jobsOfKind(h().deps.db, 'email.send');
    expect(mails).toHaveLength(1);
    expect(await attemptsOf(h().deps.db, mails[0]!.id)).toMatchObject([
      { outcome: 'retry' },
      { outcome: 'delivered' },
    ]);
    expect(t.resend.requests).toBe(2);
    expect(t.resend.emails).toHaveLength(1);
    expect(t.resend.emails[0]).toMatchObject({
      to: [s.email],
      subject: 'Payment received',
      idempotencyKey: mails[0]?.key,
    });
  });

  it('signs handoffs so the standardwebhooks verifier accepts them, with one webhook-id across retries', async () => {
    const key = 'handoff.deliver:cus_h:thread_1';
    await enqueueHandoff(h().deps.db, key, null, { type: 'handoff.created', threadId: 'thread_1' });
    // The receiver takes the first request but its answer is lost: the retry must be a duplicate.
    t.handoff.faults.slowNext(1, 500);
    await testWorker(deps(), { timeoutMs: 150 }).drain();
    expect(t.handoff.rejected).toBe(0);
    expect(t.handoff.requests).toBe(2);
    expect(t.handoff.duplicates).toBe(1);
    expect(t.handoff.deliveries).toHaveLength(1);
    expect(t.handoff.deliveries[0]).toMatchObject({
      webhookId: webhookIdOf(key),
      payload: { type: 'handoff.created', data: { threadId: 'thread_1' } },
    });
  });

  it('disables the handoff endpoint when it answers 410, alerts, and sends no later handoff to it', async () => {
    t.handoff.gone();
    await enqueueHandoff(h().deps.db, 'handoff.deliver:cus_g:1', null, { threadId: '1' });
    await testWorker(deps()).drain();
    const [first] = await jobsOfKind(h().deps.db, 'handoff.deliver');
    expect(first).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await attemptsOf(h().deps.db, first!.id)).map((a) => a.outcome)).toEqual(['disabled']);
    expect(await isTargetDisabled(h().deps.db, 'handoff', t.env.SUPPORT_HANDOFF_URL!)).toBe(true);
    expect(t.slack.messages).toHaveLength(1);
    expect(t.slack.messages[0]?.text).toContain('410');

    const requests = t.handoff.requests;
    await enqueueHandoff(h().deps.db, 'handoff.deliver:cus_g:2', null, { threadId: '2' });
    await testWorker(deps()).drain();
    expect(t.handoff.requests).toBe(requests);
    const both = await jobsOfKind(h().deps.db, 'handoff.deliver');
    expect(both.map((j) => j.status)).toEqual(['dead', 'dead']);
  });
});
