// The offline model's one decision per step: which tools to call for the question, or, once their
// results are in, what to answer (or to ask for a person when a result cannot be used).
import type { BillingResult } from '../../../tools/result.ts';
import { ACCOUNT_INTENTS, detectIntent, type Intent, topicTag } from '../../intents.ts';
import { REPLIES } from '../../replies.ts';
import { composeAnswer, type Results } from './answer.ts';
import { detectLanguage } from './language.ts';
import { PHRASES } from './phrases/index.ts';
import type { TurnView } from './prompt.ts';

export type Decision =
  | { type: 'text'; text: string }
  | { type: 'tools'; calls: { toolName: string; input: Record<string, unknown> }[] };

const TOOL_PLAN: Record<Intent, string[]> = {
  status: ['getAccountOverview'],
  access: ['getAccountOverview'],
  paid: ['getAccountOverview', 'getRecentPayments'],
  last_payment: ['getRecentPayments'],
  failed_payment: ['getRecentPayments'],
  // Payments too: when nothing renews (unpaid), the payment that failed is what stands open.
  next_charge: ['getSubscription', 'getRecentPayments'],
  trial: ['getSubscription'],
  // The overview too: with no running period (unpaid), the answer says where access stands now.
  cancel: ['getSubscription', 'getAccountOverview'],
  refund: ['getRecentPayments'],
  invoice: ['getRecentPayments'],
  plan: ['getAccountOverview', 'getPlanCatalogue'],
  change_plan: ['getAccountOverview', 'getPlanCatalogue'],
  greeting: [],
  human: ['requestHuman'],
};

function handoff(reason: string, tag: string, summary: string): Decision {
  return { type: 'tools', calls: [{ toolName: 'requestHuman', input: { reason, tag, summary } }] };
}

function quote(text: string): string {
  return JSON.stringify(text.slice(0, 200));
}

function firstStep(view: TurnView, intent: Intent | null): Decision {
  const lang = detectLanguage(view.question);
  if (intent === null) return { type: 'text', text: PHRASES[lang].cannotHelp };
  if (intent === 'greeting') return { type: 'text', text: PHRASES[lang].greeting };
  if (intent === 'human') {
    return handoff(
      'customer_request',
      'human_review',
      `The customer asked for a person: ${quote(view.question)}`,
    );
  }
  const tools = TOOL_PLAN[intent];
  // Signed out: the billing tools are not offered at all, so account questions get "please sign in".
  if (ACCOUNT_INTENTS.has(intent) && !tools.every((t) => view.availableTools.has(t))) {
    return { type: 'text', text: REPLIES[lang].signIn };
  }
  return { type: 'tools', calls: tools.map((toolName) => ({ toolName, input: {} })) };
}

export function decide(view: TurnView): Decision {
  const intent = detectIntent(view.question);
  if (view.results.length === 0) return firstStep(view, intent);
  if (view.results.some((r) => r.toolName === 'requestHuman')) return { type: 'text', text: '' };
  if (view.results.some((r) => r.error)) {
    return handoff(
      'other',
      topicTag(intent),
      `A billing lookup failed while answering ${quote(view.question)}.`,
    );
  }
  const results: Results = {};
  for (const r of view.results) (results as Record<string, unknown>)[r.toolName] = r.value;
  const notOk = view.results
    .map((r) => r.value as BillingResult<unknown>)
    .find((v) => v && typeof v === 'object' && v.state !== 'ok');
  if (notOk) {
    const tag = notOk.state === 'pending' ? 'billing' : 'human_review';
    return handoff(
      'state_not_ok',
      tag,
      `Billing state is ${notOk.state} while answering ${quote(view.question)}.`,
    );
  }
  const lang = detectLanguage(view.question);
  const text = intent ? composeAnswer(intent, lang, results) : '';
  return { type: 'text', text: text || PHRASES[lang].cannotHelp };
}
