// The price -> plan catalogue. Stripe knows prices; the product and the agent speak in plans, so the
// mapping lives in config (PLAN_CATALOGUE, parsed with PlanCatalogueSchema) rather than in code.
import { z } from 'zod';

export const PlanPriceSchema = z.strictObject({
  priceId: z.string().min(1),
  interval: z.enum(['month', 'year']),
  /** Integer minor units (cents). */
  amount: z.number().int().nonnegative(),
  currency: z
    .string()
    .regex(/^[a-z]{3}$/, 'expected a lower-case ISO 4217 code')
    .default('usd'),
});
export type PlanPrice = z.infer<typeof PlanPriceSchema>;

export const PlanSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Higher tier = more features; lets callers compare plans without knowing their names. */
  tier: z.number().int().nonnegative(),
  features: z.array(z.string()).default([]),
  prices: z.array(PlanPriceSchema).min(1),
});
export type Plan = z.infer<typeof PlanSchema>;

export const PlanCatalogueSchema = z
  .strictObject({ plans: z.array(PlanSchema).min(1) })
  .superRefine((catalogue, ctx) => {
    // A price in two plans would make planForPrice depend on array order; refuse it at config time.
    const seen = new Set<string>();
    for (const plan of catalogue.plans) {
      for (const price of plan.prices) {
        if (seen.has(price.priceId)) {
          ctx.addIssue({ code: 'custom', message: `price ${price.priceId} appears in more than one plan` });
        }
        seen.add(price.priceId);
      }
    }
    const ids = catalogue.plans.map((p) => p.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', message: 'plan ids must be unique' });
  });
export type PlanCatalogue = z.infer<typeof PlanCatalogueSchema>;

function plan(id: string, name: string, tier: number, features: string[], monthly: number, yearly: number) {
  return {
    id,
    name,
    tier,
    features,
    prices: [
      { priceId: `price_${id}_monthly`, interval: 'month' as const, amount: monthly, currency: 'usd' },
      { priceId: `price_${id}_annual`, interval: 'year' as const, amount: yearly, currency: 'usd' },
    ],
  };
}

export const DEFAULT_PLAN_CATALOGUE: PlanCatalogue = {
  plans: [
    plan('starter', 'Starter', 1, ['chat_widget', 'email_support'], 900, 9000),
    plan('pro', 'Pro', 2, ['chat_widget', 'email_support', 'crm_sync', 'priority_support'], 2900, 29000),
    plan(
      'business',
      'Business',
      3,
      ['chat_widget', 'email_support', 'crm_sync', 'priority_support', 'sso', 'audit_log'],
      9900,
      99000,
    ),
  ],
};

/** The plan a Stripe price belongs to, or null for a price the catalogue does not know. */
export function planForPrice(catalogue: PlanCatalogue, priceId: string | null | undefined): Plan | null {
  return priceEntry(catalogue, priceId)?.plan ?? null;
}

/** The catalogue entry of a price, with its plan (interval and list amount included). */
export function priceEntry(
  catalogue: PlanCatalogue,
  priceId: string | null | undefined,
): { plan: Plan; price: PlanPrice } | null {
  if (!priceId) return null;
  for (const plan of catalogue.plans) {
    const price = plan.prices.find((p) => p.priceId === priceId);
    if (price) return { plan, price };
  }
  return null;
}
