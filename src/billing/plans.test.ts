import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_CATALOGUE, PlanCatalogueSchema, planForPrice, priceEntry } from './plans.ts';

describe('plan catalogue', () => {
  it('the default catalogue is valid', () => {
    expect(PlanCatalogueSchema.parse(DEFAULT_PLAN_CATALOGUE)).toEqual(DEFAULT_PLAN_CATALOGUE);
  });

  it('maps monthly and annual prices to their plan', () => {
    expect(planForPrice(DEFAULT_PLAN_CATALOGUE, 'price_pro_monthly')?.id).toBe('pro');
    expect(planForPrice(DEFAULT_PLAN_CATALOGUE, 'price_business_annual')?.name).toBe('Business');
    expect(priceEntry(DEFAULT_PLAN_CATALOGUE, 'price_starter_annual')?.price).toMatchObject({
      interval: 'year',
      amount: 9000,
    });
  });

  it('knows no plan for an unknown or missing price', () => {
    expect(planForPrice(DEFAULT_PLAN_CATALOGUE, 'price_other')).toBe(null);
    expect(planForPrice(DEFAULT_PLAN_CATALOGUE, null)).toBe(null);
  });

  it('parses a catalogue from JSON config, defaulting currency and features', () => {
    const json =
      '{"plans":[{"id":"solo","name":"Solo","tier":1,"prices":[{"priceId":"price_x","interval":"month","amount":500}]}]}';
    const parsed = PlanCatalogueSchema.parse(JSON.parse(json));
    expect(parsed.plans[0]).toMatchObject({ features: [], prices: [{ currency: 'usd' }] });
  });

  it('refuses a price listed under two plans, or two plans with one id', () => {
    const plan = (id: string, priceId: string) => ({
      id,
      name: id,
      tier: 1,
      prices: [{ priceId, interval: 'month', amount: 100 }],
    });
    expect(PlanCatalogueSchema.safeParse({ plans: [plan('a', 'p1'), plan('b', 'p1')] }).success).toBe(false);
    expect(PlanCatalogueSchema.safeParse({ plans: [plan('a', 'p1'), plan('a', 'p2')] }).success).toBe(false);
    expect(PlanCatalogueSchema.safeParse({ plans: [] }).success).toBe(false);
  });
});
