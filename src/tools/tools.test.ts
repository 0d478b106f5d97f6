import { describe, expect, it } from 'vitest';
import { applyAll } from '../../test/factories/billing.ts';
import { scenario } from '../../test/factories/stripe-events.ts';
import { DEFAULT_PLAN_CATALOGUE } from '../billing/plans.ts';
import type { BillingRecord } from '../billing/record.ts';
import type { AccountReader } from './account-reader.ts';
import { readAccountOverview } from './get-account-overview.ts';
import { planCatalogue } from './get-plan-catalogue.ts';
import { readRecentPayments } from './get-recent-payments.ts';
import { readSubscription } from './get-subscription.ts';
import { forModel } from './schema.ts';

function reader(record: BillingRecord | null, now: string): AccountReader {
  return {
    record: async () => record,
    now: new Date(now),
    graceDays: 7,
    catalogue: DEFAULT_PLAN_CATALOGUE,
    screen: (text) => ({ customerSupplied: text, flagged: false }),
  };
}

describe('billing tools', () => {
  it('return ok results with the time and events they stand on', async () => {
    const { record } = applyAll(scenario.activeMonthly().events);
    const r = reader(record, '2026-01-10T00:00:00Z');
    const overview = await readAccountOverview(r);
    expect(overview).toMatchObject({
      state: 'ok',
      asOf: '2026-01-05T10:00:01.000Z',
      data: { subscriptionStatus: 'active', plan: { name: 'Pro' }, access: { hasAccess: true } },
    });
    expect(overview.eventIds.length).toBeGreaterThan(0);
    expect(overview.eventIds.every((id) => id.startsWith('evt_'))).toBe(true);
    const sub = await readSubscription(r);
    expect(sub.data?.nextCharge).toEqual({ at: '2026-02-05T10:00:01.000Z', amount: 2900, currency: 'usd' });
    const payments = await readRecentPayments(r, 1);
    expect(payments.data?.payments).toHaveLength(1);
    expect(payments.data?.payments[0]).toMatchObject({ status: 'succeeded', amount: 2900, currency: 'usd' });
  });

  it('give the end date of a canceled subscription in the overview, and none while it runs', async () => {
    const canceled = applyAll(scenario.cancelNow().events).record;
    const ended = await readAccountOverview(reader(canceled, '2026-03-10T00:00:00Z'));
    expect(ended.data?.subscriptionStatus).toBe('canceled');
    expect(ended.data?.endedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const active = applyAll(scenario.activeMonthly().events).record;
    expect((await readAccountOverview(reader(active, '2026-01-10T00:00:00Z'))).data?.endedAt).toBeNull();
  });

  it('carry no data when the state is not ok, and say why', async () => {
    const { record } = applyAll(scenario.conflictingUsers().events);
    const result = await readAccountOverview(reader(record, '2026-01-10T00:00:00Z'));
    expect(result).toMatchObject({
      state: 'conflict',
      data: null,
      note: expect.stringMatching(/more than one/),
    });
    expect(await readSubscription(reader(null, '2026-01-10T00:00:00Z'))).toMatchObject({
      state: 'missing',
      data: null,
      eventIds: [],
    });
  });

  it('show the model neither event ids nor empty fields', () => {
    const out = forModel({ state: 'ok', eventIds: ['evt_1'], data: { a: null, b: 1, eventIds: ['kept'] } });
    expect(out.value).toEqual({ state: 'ok', data: { b: 1, eventIds: ['kept'] } });
    expect(planCatalogue(DEFAULT_PLAN_CATALOGUE).data?.plans.map((p) => p.name)).toEqual([
      'Starter',
      'Pro',
      'Business',
    ]);
  });
});
