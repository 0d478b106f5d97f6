// Optional learned signal: logistic regression over hashed character n-grams and words of the
// normalised text. Trained in-repo on the TRAIN split only by scripts/train-injection.ts; the
// weights are committed as JSON so scoring is deterministic and needs no network or runtime training.

import weightsFile from './model-weights.json' with { type: 'json' };
import type { Normalized } from './normalize.ts';

export type ModelWeights = { version: 1; dims: number; bias: number; weights: number[] };

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hash(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** The texts the model reads: the plain view, its leet fold, and every decoded segment. */
export function modelText(n: Normalized): string {
  const parts = [n.plain, ...n.leet];
  const visit = (node: Normalized) => {
    for (const d of node.decoded) {
      parts.push(d.text.plain);
      visit(d.text);
    }
  };
  visit(n);
  return parts.filter(Boolean).join(' | ');
}

/** Sorted unique feature indexes: char 3-5 grams and word 1-2 grams, hashed into `dims` buckets. */
export function features(text: string, dims: number): number[] {
  const out = new Set<number>();
  const padded = ` ${text} `;
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= padded.length; i++) out.add(hash(`c${padded.slice(i, i + n)}`) % dims);
  }
  const words = text.match(/[\p{L}\p{N}_']+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    out.add(hash(`w${words[i]}`) % dims);
    if (i + 1 < words.length) out.add(hash(`b${words[i]} ${words[i + 1]}`) % dims);
  }
  return [...out].sort((a, b) => a - b);
}

export function predict(model: ModelWeights, feats: readonly number[]): number {
  // Binary features scaled to unit length so long pasted documents do not saturate the score.
  const scale = feats.length > 0 ? 1 / Math.sqrt(feats.length) : 0;
  let z = model.bias;
  for (const f of feats) z += (model.weights[f] ?? 0) * scale;
  return 1 / (1 + Math.exp(-z));
}

const MODEL = weightsFile as ModelWeights;

/** Probability in [0, 1] that the text is an attack, per the committed model. */
export function learnedScore(n: Normalized): number {
  if (MODEL.weights.length === 0) return 0;
  return predict(MODEL, features(modelText(n), MODEL.dims));
}
