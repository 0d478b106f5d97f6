import { tool } from 'ai';
import { z } from 'zod';
import type { PlanCatalogue } from '../billing/plans.ts';
import type { BillingResult } from './result.ts';
import { compactInput, forModel } from './schema.ts';

export type PublicPlan = {
  id: string;
  name: string;
  features: string[];
  prices: { interval: string; amount: number; currency: string }[];
};

/** Public list prices and features; the same for everyone, so it needs no principal. */
export function planCatalogue(catalogue: PlanCatalogue): BillingResult<{ plans: PublicPlan[] }> {
  return {
    state: 'ok',
    asOf: null,
    eventIds: [],
    data: {
      plans: catalogue.plans.map((p) => ({
        id: p.id,
        name: p.name,
        features: p.features,
        prices: p.prices.map((x) => ({ interval: x.interval, amount: x.amount, currency: x.currency })),
      })),
    },
  };
}

export function createGetPlanCatalogue(catalogue: PlanCatalogue) {
  return tool({
    description: 'Public plans: features and list prices.',
    inputSchema: compactInput(z.strictObject({})),
    execute: async () => planCatalogue(catalogue),
    toModelOutput: ({ output }) => forModel(output),
  });
}
