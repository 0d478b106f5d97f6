import { hasToolCall, isStepCount, type LanguageModel, ToolLoopAgent } from 'ai';
import type { PlanCatalogue } from '../billing/plans.ts';
import type { AccountReader } from '../tools/account-reader.ts';
import { createGetPlanCatalogue } from '../tools/get-plan-catalogue.ts';
import { createSupportTools } from '../tools/index.ts';
import { requestHuman } from '../tools/request-human.ts';
import { ANONYMOUS_INSTRUCTIONS, SUPPORT_INSTRUCTIONS } from './instructions.ts';

/** Enough for lookups, one answer, and one retry; a model that loops longer is not converging. */
export const MAX_STEPS = 4;

/**
 * The agent of one signed-in customer's turn. The tools are bound to that customer through
 * `toolsContext`, which the model cannot see or set; it stops as soon as it asks for a person.
 */
export function createSupportAgent(model: LanguageModel, catalogue: PlanCatalogue, account: AccountReader) {
  return new ToolLoopAgent({
    model,
    instructions: SUPPORT_INSTRUCTIONS,
    tools: createSupportTools(catalogue),
    toolsContext: {
      getAccountOverview: { account },
      getSubscription: { account },
      getRecentPayments: { account },
    },
    stopWhen: [isStepCount(MAX_STEPS), hasToolCall('requestHuman')],
    temperature: 0,
    maxRetries: 1,
    // Failures become handoffs and are logged once by the chat turn, not printed by the SDK.
    onError: () => {},
  });
}

/** Signed out: no billing tools at all, only the public catalogue and asking for a person. */
export function createAnonymousAgent(model: LanguageModel, catalogue: PlanCatalogue) {
  return new ToolLoopAgent({
    model,
    instructions: ANONYMOUS_INSTRUCTIONS,
    // requestHuman reads nothing and changes nothing (the turn records the handoff), so a visitor
    // who asks for a person gets a real handoff instead of a tool error.
    tools: { getPlanCatalogue: createGetPlanCatalogue(catalogue), requestHuman },
    stopWhen: [isStepCount(2), hasToolCall('requestHuman')],
    temperature: 0,
    maxRetries: 1,
    // Failures become handoffs and are logged once by the chat turn, not printed by the SDK.
    onError: () => {},
  });
}

export type SupportAgent = ReturnType<typeof createSupportAgent> | ReturnType<typeof createAnonymousAgent>;
