import type { PlanCatalogue } from '../billing/plans.ts';
import { getAccountOverview } from './get-account-overview.ts';
import { createGetPlanCatalogue } from './get-plan-catalogue.ts';
import { getRecentPayments } from './get-recent-payments.ts';
import { getSubscription } from './get-subscription.ts';
import { requestHuman } from './request-human.ts';

export { type AccountReader, createAccountReader } from './account-reader.ts';

/** Every tool the support agent may call; all read-only, the billing ones bound to the principal. */
export function createSupportTools(catalogue: PlanCatalogue) {
  return {
    getAccountOverview,
    getSubscription,
    getRecentPayments,
    getPlanCatalogue: createGetPlanCatalogue(catalogue),
    requestHuman,
  };
}
export type SupportTools = ReturnType<typeof createSupportTools>;
export const BILLING_TOOL_NAMES = ['getAccountOverview', 'getSubscription', 'getRecentPayments'] as const;
