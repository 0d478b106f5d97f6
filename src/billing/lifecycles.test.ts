// The lifecycles of the acceptance list, end to end through reduce and access.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAll, BILLING_CTX, iso } from '../../test/factories/billing.ts';
import {
  allScenarios,
  DAY,
  deliveryArbitrary,
  scenario,
  type TestEvent,
} from '../../test/factories/stripe-events.ts';
import { access } from './access.ts';
import { EFFECT_PAYLOAD_SCHEMAS } from './effects.ts';
import { type BillingRecord, BillingRecordSchema } from './record.ts';
import { reduce } from './reduce.ts';

const GRACE = BILLING_CTX.graceDays;
const keysOf = (events: readonly TestEvent[]) => applyAll(events).effects.map((e) => e.key);

/** The record after each event, in the given order. */
function history(events: readonly TestEvent[]): BillingRecord[] {
  const records: BillingRecord[] = [];
  let record = applyAll(events.slice(0, 1)).record;
  records.push(record);
  for (const e of events.slice(1)) {
    record = reduce(record, e, BILLING_CTX).record;
    records.push(record);
  }
  return records;
}

describe('what reduce returns is valid for its consumers', () => {
  it.each(allScenarios({ customerId: 'cus_v' }).map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const { record, effects } = applyAll(s.events);
    expect(BillingRecordSchema.parse(record)).toEqual(record);
    for (const e of effects) {
      expect(EFFECT_PAYLOAD_SCHEMAS[e.kind].safeParse(e.payload).success).toBe(true);
      expect(e.stripeCustomerId).toBe('cus_v');
    }
  });
});

describe('scenario expectations hold', () => {
  it.each(allScenarios({ customerId: 'cus_x' }).map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const { record } = applyAll(s.events);
    expect(record.subscription?.status ?? null).toBe(s.expected.status);
    expect(access(record, iso(s.end), GRACE).hasAccess).toBe(s.expected.hasAccessAtEnd);
    expect(record.review.state).toBe(s.expected.review);
    if (s.expected.reviewReason) expect(record.review.reason).toBe(s.expected.reviewReason);
    if (s.expected.planId !== undefined) expect(record.subscription?.planId).toBe(s.expected.planId);
  });
});

describe('lifecycles', () => {
  it('checkout -> active with access, a CRM contact and a receipt', () => {
    const s = scenario.activeMonthly({ customerId: 'cus_a', authUserId: 'user_a' });
    const { record, effects } = applyAll(s.events);
    expect(record).toMatchObject({ authUserId: 'user_a', subscription: { status: 'active', planId: 'pro' } });
    expect(record.access).toMatchObject({ hasAccess: true, reason: 'active' });
    expect(effects.map((e) => e.key)).toEqual([
      'crm.upsertContact:cus_a:create',
      'email.send:cus_a:payment_confirmation:in_a_1',
      'crm.upsertContact:cus_a:linked:user_a',
    ]);
  });

  it('first payment failed -> no access at any point', () => {
    const s = scenario.firstPaymentFails({ customerId: 'cus_f' });
    for (const record of history(s.events)) {
      expect(access(record, record.asOf ?? iso(s.end), GRACE).hasAccess).toBe(false);
    }
    expect(applyAll(s.events).record.subscription?.status).toBe('incomplete_expired');
  });

  it('failed renewal -> past_due with access only within the grace period', () => {
    const s = scenario.renewalFailsThenUnpaid({ customerId: 'cus_r' });
    const failure = s.events.find((e) => e.type === 'invoice.payment_failed');
    const renewal = failure!.created;
    const beforeUnpaid = s.events.filter((e) => e.created < renewal + 8 * DAY);
    const { record } = applyAll(beforeUnpaid);
    expect(record.subscription?.status).toBe('past_due');
    expect(record.firstFailedPaymentAt).toBe(iso(renewal));
    expect(access(record, iso(renewal + GRACE * DAY - 1), GRACE)).toMatchObject({
      hasAccess: true,
      reason: 'past_due_grace',
    });
    expect(access(record, iso(renewal + GRACE * DAY), GRACE)).toMatchObject({
      hasAccess: false,
      reason: 'past_due_grace_expired',
    });
    expect(applyAll(s.events).record.access.hasAccess).toBe(false);
  });

  it('failed renewal is never reported as active, in any arrival order', () => {
    const s = scenario.renewalFailsThenUnpaid({ customerId: 'cus_n' });
    const renewalFailure = s.events.find((e) => e.type === 'invoice.payment_failed')!;
    fc.assert(
      fc.property(deliveryArbitrary(s.events), (delivered) => {
        let known = false;
        for (const record of history(delivered).map((r, i) => [r, delivered[i]] as const)) {
          known ||= record[1]?.id === renewalFailure.id;
          if (known) expect(record[0].subscription?.status).not.toBe('active');
        }
      }),
      { numRuns: 100 },
    );
  });

  it('failed renewal that recovers -> active again, streak closed', () => {
    const { record } = applyAll(scenario.renewalFailsThenRecovers({ customerId: 'cus_ok' }).events);
    expect(record).toMatchObject({ firstFailedPaymentAt: null, subscription: { status: 'active' } });
    expect(record.access.hasAccess).toBe(true);
  });

  it('cancellation -> access revoked, CRM loop closed, customer told', () => {
    const s = scenario.cancelNow({ customerId: 'cus_c' });
    const { record, effects } = applyAll(s.events);
    expect(record.access).toMatchObject({ hasAccess: false, reason: 'canceled' });
    expect(effects).toContainEqual(
      expect.objectContaining({
        key: 'crm.upsertContact:cus_c:churned:sub_c',
        payload: expect.objectContaining({ trigger: 'canceled', lifecycle: 'churned' }),
      }),
    );
    expect(effects.map((e) => e.key)).toContain('email.send:cus_c:subscription_canceled:sub_c');
  });

  it('cancel at period end keeps access until the period ends, then revokes it', () => {
    const s = scenario.cancelAtPeriodEnd({ customerId: 'cus_p', ended: false });
    const { record } = applyAll(s.events);
    const periodEnd = Date.parse(record.subscription!.currentPeriodEnd!) / 1000;
    expect(access(record, iso(periodEnd - 1), GRACE)).toMatchObject({
      hasAccess: true,
      reason: 'cancel_at_period_end',
    });
    expect(access(record, iso(periodEnd), GRACE)).toMatchObject({ hasAccess: false, reason: 'canceled' });
    const ended = applyAll(scenario.cancelAtPeriodEnd({ customerId: 'cus_p' }).events);
    expect(ended.effects.map((e) => e.key)).toContain('crm.upsertContact:cus_p:churned:sub_p');
  });

  it('conflict -> needs_review with an alert, access frozen at what was confirmed', () => {
    const s = scenario.conflictingUsers({
      customerId: 'cus_k',
      authUserId: 'user_k',
      otherAuthUserId: 'user_z',
    });
    const { record, effects } = applyAll(s.events);
    expect(record.review).toMatchObject({ state: 'needs_review', reason: 'conflicting_auth_user' });
    expect(record.authUserId).toBe('user_k');
    expect(access(record, iso(s.end + 400 * DAY), GRACE)).toMatchObject({
      hasAccess: true,
      reason: 'needs_review',
    });
    expect(effects).toContainEqual(
      expect.objectContaining({
        kind: 'alert.notify',
        key: 'alert.notify:cus_k:conflicting_auth_user:user_k,user_z',
        payload: expect.objectContaining({ severity: 'critical', reason: 'conflicting_auth_user' }),
      }),
    );
  });

  it('replaying the same events yields the same effect keys', () => {
    for (const s of allScenarios({ customerId: 'cus_rp' }))
      expect(keysOf(s.events)).toEqual(keysOf(s.events));
    const s = scenario.renewalFailsThenCanceled({ customerId: 'cus_rp' });
    const twice = applyAll([...s.events, ...s.events]);
    expect(twice.effects.map((e) => e.key)).toEqual(keysOf(s.events));
    expect(twice.outcomes.slice(s.events.length).every((o) => o === 'stale')).toBe(true);
  });
});
