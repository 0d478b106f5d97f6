// Every rule set in one list, and the matcher that runs them over a normalised text's views.
import type { Normalized } from './normalize.ts';
import type { Rule, Signal } from './rule.ts';
import { DE_RULES } from './rules-de.ts';
import { EN_RULES } from './rules-en.ts';
import { EN_BILLING_RULES } from './rules-en-billing.ts';
import { EN_DATA_RULES } from './rules-en-data.ts';
import { EN_PROMPT_RULES } from './rules-en-prompt.ts';
import { ES_RULES } from './rules-es.ts';
import { FR_RULES } from './rules-fr.ts';
import { IT_RULES } from './rules-it.ts';
import { JA_RULES } from './rules-ja.ts';
import { PT_RULES } from './rules-pt.ts';
import { STRUCTURE_RULES } from './rules-structure.ts';
import { ZH_RULES } from './rules-zh.ts';
import { ENCODED_PAYLOAD_WEIGHT, OBFUSCATION_WEIGHT, STRONG } from './thresholds.ts';

export const RULES: readonly Rule[] = [
  ...STRUCTURE_RULES,
  ...EN_RULES,
  ...EN_PROMPT_RULES,
  ...EN_DATA_RULES,
  ...EN_BILLING_RULES,
  ...ES_RULES,
  ...DE_RULES,
  ...FR_RULES,
  ...PT_RULES,
  ...IT_RULES,
  ...ZH_RULES,
  ...JA_RULES,
];

const PLAIN_RULES = RULES.filter((r) => r.view === 'plain');
const RAW_RULES = RULES.filter((r) => r.view === 'raw');

/** Weight per signal. */
export type SignalWeights = Map<Signal, number>;

function matchViews(n: Normalized, into: Set<Rule>): void {
  for (const rule of RAW_RULES) if (rule.pattern.test(n.raw)) into.add(rule);
  for (const rule of PLAIN_RULES) {
    if (rule.pattern.test(n.plain) || n.leet.some((v) => rule.pattern.test(v))) into.add(rule);
  }
}

/**
 * Distinct rules of one signal add up, capped at STRONG: two different tells of the same intent
 * ("markdown image" + "URL with an empty query value") are more evidence than one, but no single
 * intent counts for more than one strong rule. A rule counts once however many views it matched.
 */
function weigh(rules: Iterable<Rule>, into: SignalWeights): void {
  for (const rule of rules)
    into.set(rule.signal, Math.min(STRONG, (into.get(rule.signal) ?? 0) + rule.weight));
}

/** Runs every rule over the text's views and its decoded segments. */
export function matchNormalized(n: Normalized): SignalWeights {
  const outer = new Set<Rule>();
  matchViews(n, outer);
  const inner = new Set<Rule>();
  const visit = (node: Normalized) => {
    for (const d of node.decoded) {
      matchViews(d.text, inner);
      visit(d.text);
    }
  };
  visit(n);
  const weights: SignalWeights = new Map();
  weigh(new Set([...outer, ...inner]), weights);
  // Hiding a request behind an encoding is itself evidence: nobody base64-encodes "what's my plan".
  if ([...inner].some((rule) => !outer.has(rule))) weights.set('encoded_payload', ENCODED_PAYLOAD_WEIGHT);
  if (n.obfuscated) weights.set('obfuscation', OBFUSCATION_WEIGHT);
  return weights;
}

/** Rules over the text exactly as given, no normalisation: the baseline the normalisation tests beat. */
export function matchRaw(text: string): SignalWeights {
  const rules = new Set<Rule>();
  matchViews({ raw: text, plain: text.toLowerCase(), leet: [], decoded: [], obfuscated: false }, rules);
  const weights: SignalWeights = new Map();
  weigh(rules, weights);
  return weights;
}
