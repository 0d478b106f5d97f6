// Trains the optional injection model (src/agent/guard/injection/model.ts) on the TRAIN split only
// and writes its weights as JSON. Deterministic: zero initialisation, full-batch gradient descent,
// fixed epoch count, so the same corpus always yields the same file.
//   node --import tsx scripts/train-injection.ts
import { writeFileSync } from 'node:fs';
import { features, type ModelWeights, modelText, predict } from '../src/agent/guard/injection/model.ts';
import { normalize } from '../src/agent/guard/injection/normalize.ts';
import { loadCorpus } from '../test/fixtures/injection/corpus.ts';

const DIMS = 1 << 13;
const EPOCHS = 1500;
const LEARNING_RATE = 8;
const L2 = 1e-4;

type Example = { feats: number[]; label: 0 | 1 };

function examples(): Example[] {
  const attacks = loadCorpus('attacks', 'train').map((i) => ({ text: i.text, label: 1 as const }));
  const benign = loadCorpus('benign', 'train').map((i) => ({ text: i.text, label: 0 as const }));
  return [...attacks, ...benign].map((e) => ({
    feats: features(modelText(normalize(e.text)), DIMS),
    label: e.label,
  }));
}

export function train(data: readonly Example[]): ModelWeights {
  const model: ModelWeights = { version: 1, dims: DIMS, bias: 0, weights: new Array<number>(DIMS).fill(0) };
  // Each class weighs the same in the loss whatever the corpus sizes.
  const positives = data.filter((e) => e.label === 1).length;
  const classWeight = [data.length / (2 * (data.length - positives)), data.length / (2 * positives)] as const;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const grad = new Array<number>(DIMS).fill(0);
    let gradBias = 0;
    for (const e of data) {
      const err = (predict(model, e.feats) - e.label) * classWeight[e.label];
      const scale = e.feats.length > 0 ? 1 / Math.sqrt(e.feats.length) : 0;
      for (const f of e.feats) grad[f] = (grad[f] ?? 0) + err * scale;
      gradBias += err;
    }
    for (let i = 0; i < DIMS; i++) {
      const w = model.weights[i] ?? 0;
      model.weights[i] = w - LEARNING_RATE * ((grad[i] ?? 0) / data.length + L2 * w);
    }
    model.bias -= (LEARNING_RATE * gradBias) / data.length;
  }
  return {
    ...model,
    bias: Number(model.bias.toFixed(4)),
    weights: model.weights.map((w) => Number(w.toFixed(4))),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const data = examples();
  const model = train(data);
  const correct = data.filter((e) => (predict(model, e.feats) >= 0.5 ? 1 : 0) === e.label).length;
  const out = new URL('../src/agent/guard/injection/model-weights.json', import.meta.url);
  writeFileSync(out, `${JSON.stringify(model)}\n`);
  process.stdout.write(
    `trained on ${data.length} train examples; train accuracy ${(correct / data.length).toFixed(3)}\n`,
  );
}
