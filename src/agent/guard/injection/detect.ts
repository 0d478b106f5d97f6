// Scoring. Each signal contributes the capped sum of its distinct matched rules (rules.ts); the score
// is the sum over signals, so independent kinds of evidence (a persona change plus a billing change)
// add up, while one request phrased many ways never outweighs a single strong rule.
import { learnedScore } from './model.ts';
import { type NormalizeOptions, normalize } from './normalize.ts';
import type { Signal } from './rule.ts';
import { matchNormalized, type SignalWeights } from './rules.ts';
import { BLOCK_SCORE, MODEL_MIN_PROBABILITY, MODEL_WEIGHT } from './thresholds.ts';

export type InjectionVerdict = 'allow' | 'block';
export type InjectionResult = { verdict: InjectionVerdict; score: number; signals: Signal[] };

export type DetectOptions = NormalizeOptions & {
  /** Weight of the learned model; defaults to MODEL_WEIGHT. 0 means rules only. */
  modelWeight?: number;
  /** Score at which the verdict is block; defaults to BLOCK_SCORE. */
  blockScore?: number;
};

export function scoreWeights(weights: SignalWeights): number {
  let score = 0;
  for (const w of weights.values()) score += w;
  return Math.round(score * 100) / 100;
}

export function detect(text: string, options: DetectOptions = {}): InjectionResult {
  const normalized = normalize(text, options);
  const weights = matchNormalized(normalized);
  const modelWeight = options.modelWeight ?? MODEL_WEIGHT;
  if (modelWeight > 0 && learnedScore(normalized) >= MODEL_MIN_PROBABILITY)
    weights.set('learned_model', modelWeight);
  const score = scoreWeights(weights);
  // Sorted by weight so the strongest reason comes first in logs and handoff summaries.
  const signals = [...weights.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([s]) => s);
  return { verdict: score >= (options.blockScore ?? BLOCK_SCORE) ? 'block' : 'allow', score, signals };
}
