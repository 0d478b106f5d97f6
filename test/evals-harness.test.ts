// The eval's bar must be able to fail. A small slice of the real eval (same service, seeding,
// promptfoo run, assertions and threshold check) runs twice: with the offline model it passes; with
// a scripted model that swaps "active" and "canceled" in its answers it fails for exactly the
// states whose answers were flipped — whether the grounding guard withholds the flipped claim (a
// handoff is not a correct answer for a clear state) or lets it through (the claim contradicts the
// live record).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { type LanguageModel, wrapLanguageModel } from 'ai';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvalCase } from '../evals/cases.ts';
import { type RunResult, runEval } from '../evals/eval.ts';
import { createOfflineModel } from '../src/agent/models/offline/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ledgerdesk-evals-'));
// promptfoo keeps its database in a throwaway folder, not in the developer's .promptfoo.
process.env.PROMPTFOO_CONFIG_DIR = join(dir, 'promptfoo');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The slice: plain status and access questions to an active and a canceled customer. */
const slice = (c: EvalCase) =>
  c.turns.length === 1 && c.turns.every((t) => t.topic === 'status' || t.topic === 'access');
const groups = ['active_monthly', 'canceled'] as const;

const SWAP: Record<string, string> = {
  active: 'canceled',
  canceled: 'active',
  activa: 'cancelada',
  cancelada: 'activa',
  aktiv: 'gekündigt',
  gekündigt: 'aktiv',
  actif: 'annulé',
  annulé: 'actif',
};
const WORDS = new RegExp(`(?<![\\p{L}])(${Object.keys(SWAP).join('|')})(?![\\p{L}])`, 'gu');

/** active <-> canceled in every language the offline model speaks; everything else untouched. */
function flip(text: string): string {
  return text.replace(WORDS, (w) => SWAP[w] ?? w);
}

/** The offline model with its answers' status words swapped: a model that breaks grounding. */
function flippingModel(): LanguageModel {
  return wrapLanguageModel({
    model: createOfflineModel(),
    providerId: 'scripted',
    modelId: 'status-flipper',
    middleware: {
      specificationVersion: 'v4',
      wrapStream: async ({ doStream }) => {
        const result = await doStream();
        const swap = new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
          transform(part, controller) {
            controller.enqueue(part.type === 'text-delta' ? { ...part, delta: flip(part.delta) } : part);
          },
        });
        return { ...result, stream: result.stream.pipeThrough(swap) };
      },
    },
  });
}

const accuracyOf = (r: RunResult, group: string) => r.summary.groups.find((g) => g.group === group)?.accuracy;

describe('the eval harness', () => {
  it('flips the status words it is meant to flip, in every language', () => {
    expect(flip('Your Pro subscription (monthly) is active.')).toBe(
      'Your Pro subscription (monthly) is canceled.',
    );
    expect(flip('Tu suscripción Pro está cancelada.')).toBe('Tu suscripción Pro está activa.');
    expect(flip('Dein Pro-Abo ist aktiv.')).toBe('Dein Pro-Abo ist gekündigt.');
    expect(flip('Votre abonnement Pro est annulé.')).toBe('Votre abonnement Pro est actif.');
  });

  let control: RunResult;
  it('passes the slice with the offline model (the slice is answerable)', { timeout: 120_000 }, async () => {
    control = await runEval({ groups, filter: slice, outDir: join(dir, 'control') });
    expect(control.summary.cases).toBeGreaterThanOrEqual(6);
    expect(control.summary.failures).toEqual([]);
    expect(control.failures).toEqual([]);
    for (const g of groups) expect(accuracyOf(control, g)).toBe(1);
  });

  it('fails the bar for both states when a scripted model flips active and canceled', {
    timeout: 120_000,
  }, async () => {
    const flipped = await runEval({
      model: flippingModel(),
      groups,
      filter: slice,
      outDir: join(dir, 'flipped'),
    });
    expect(flipped.summary.model).toBe('scripted:status-flipper');
    expect(flipped.summary.cases).toBe(control.summary.cases);
    // The threshold check (what `npm run eval` turns into its exit code) names both states.
    expect(flipped.failures.join('\n')).toMatch(/active_monthly .* under 90\.0 %/);
    expect(flipped.failures.join('\n')).toMatch(/canceled .* under 90\.0 %/);
    for (const g of groups) expect(accuracyOf(flipped, g)).toBeLessThan(0.9);

    // Every failing case fails for the flip: a withheld answer (handoff) where the state is clear,
    // or a status claim contradicting the live record. Nothing else may explain it.
    const status = flipped.summary.failures.filter((f) => /-status$/.test(f.caseId));
    expect(status.length).toBeGreaterThan(0);
    for (const f of status)
      expect(f.reason).toMatch(
        /expected an answer for a clear state, got handoff|claims (active|canceled), live status is/,
      );

    // The JSON promptfoo wrote says the same (the README's figures and CI read this file).
    const json = JSON.parse(readFileSync(flipped.files.json, 'utf8')) as {
      results: { prompts: { metrics: { namedScores: Record<string, number> } }[] };
    };
    const named = json.results.prompts[0]?.metrics.namedScores ?? {};
    expect(named.accuracy_active_monthly).toBeLessThan(0.9);
    expect(named.accuracy_canceled).toBeLessThan(0.9);
  });
});
