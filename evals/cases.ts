// The eval cases: for every account state, ten single questions and two two-turn conversations
// drawn from the question bank; then the special slices (special-cases.ts). A case names what each
// turn asks (its topic) and, only where the live state cannot decide it, what kind of turn is right
// (a handoff, a decline).
import { FOLLOW_UPS, QUESTIONS, TOPICS, type Topic } from './questions.ts';
import { specialCases } from './special-cases.ts';
import { type GroupId, STATES, type StateId } from './states.ts';

export type CaseTurn = { text: string; topic?: Topic; expect?: 'handoff' | 'decline' };

export type EvalCase = {
  id: string;
  group: GroupId;
  /** Registry key of the customer who asks (a state, or fresh_<key>). */
  customer: string;
  turns: CaseTurn[];
  /** Fresh changes: the change's events are sent before this turn (index into turns). */
  changeBefore?: number;
  note?: string;
};

/**
 * What each state is asked: ten single questions by topic, then two conversations (first>second).
 * The common topics everywhere, plus what matters in that state (trial questions to a trialing
 * customer, refunds to a refunded one, failures to past_due and unpaid).
 */
const PLANS: Record<StateId, [singles: string, pairs: string]> = {
  active_monthly: [
    'status status access paid last_payment next_charge next_charge plan cancel invoice',
    'status>next_charge paid>plan',
  ],
  active_annual: [
    'status access paid next_charge next_charge plan plan cancel change_plan trial',
    'plan>next_charge status>access',
  ],
  trialing: [
    'status trial trial trial access next_charge plan paid cancel status',
    'status>trial trial>next_charge',
  ],
  past_due: [
    'status paid failed_payment failed_payment access access next_charge last_payment status invoice',
    'paid>access status>last_payment',
  ],
  unpaid: [
    'status access access paid failed_payment last_payment next_charge cancel plan invoice',
    'access>status paid>last_payment',
  ],
  canceled: [
    'status access next_charge cancel status paid last_payment plan refund invoice',
    'status>access cancel>next_charge',
  ],
  cancel_at_period_end: [
    'status access next_charge next_charge cancel cancel paid plan last_payment status',
    'status>next_charge cancel>access',
  ],
  incomplete: [
    'status access paid failed_payment next_charge plan status last_payment invoice access',
    'status>last_payment paid>access',
  ],
  refunded: [
    'refund refund refund paid last_payment status access next_charge invoice plan',
    'refund>access last_payment>refund',
  ],
  disputed: [
    'status access paid refund last_payment next_charge plan status invoice failed_payment',
    'status>access paid>next_charge',
  ],
  no_subscription: [
    'status access plan plan change_plan next_charge paid last_payment invoice trial',
    'status>plan access>next_charge',
  ],
  missing: [
    'status access paid next_charge plan last_payment status invoice refund access',
    'status>access paid>last_payment',
  ],
  needs_review: [
    'status access paid next_charge plan last_payment status cancel invoice access',
    'status>next_charge access>plan',
  ],
  anonymous: [
    'status access paid next_charge plan invoice refund trial cancel last_payment',
    'status>access paid>next_charge',
  ],
};

function topic(word: string): Topic {
  if (!(TOPICS as readonly string[]).includes(word)) throw new Error(`unknown topic ${word}`);
  return word as Topic;
}

/**
 * Rotates through each topic's phrasings so different states get different paraphrases, typos and
 * languages, and the whole bank is used across the run.
 */
function picker(seed: number) {
  const used = new Map<Topic, number>();
  return (topic: Topic, bank: Partial<Record<Topic, string[]>> = QUESTIONS): string => {
    const list = bank[topic] ?? QUESTIONS[topic];
    const n = used.get(topic) ?? 0;
    used.set(topic, n + 1);
    return list[(seed * 3 + n * 5) % list.length]!;
  };
}

function stateCases(): EvalCase[] {
  return STATES.flatMap((state, i) => {
    const pick = picker(i);
    const [singleTopics, pairTopics] = PLANS[state];
    const singles = singleTopics
      .split(' ')
      .map(topic)
      .map((t, k) => ({
        id: `${state}/${k + 1}-${t}`,
        group: state,
        customer: state,
        turns: [{ text: pick(t), topic: t }],
      }));
    const pairs = pairTopics.split(' ').map((pair, k) => {
      const [first, second] = pair.split('>').map(topic) as [Topic, Topic];
      return {
        id: `${state}/pair${k + 1}-${first}+${second}`,
        group: state,
        customer: state,
        turns: [
          { text: pick(first), topic: first },
          { text: pick(second, FOLLOW_UPS), topic: second },
        ],
      };
    });
    return [...singles, ...pairs];
  });
}

export function buildCases(): EvalCase[] {
  return [...stateCases(), ...specialCases()];
}
