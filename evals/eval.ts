// One eval run: an isolated ledgerdesk, customers seeded through the webhook and link routes, the
// cases played through POST /v1/chat by promptfoo, results as JSON and HTML, and the threshold check.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LanguageModel } from 'ai';
import { buildCases, type EvalCase } from './cases.ts';
import { createClient } from './client.ts';
import { checkThresholds, resultRows, type Summary, summarize, type Thresholds } from './report.ts';
import { seedCustomers } from './seed.ts';
import { type ModelEnv, startEvalService } from './service.ts';
import { type GroupId, STATES, type StateId } from './states.ts';
import { chatProvider, derivedMetrics, promptfooTests } from './suite.ts';
import { countingModel, type TokenTally } from './tokens.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export type RunOptions = {
  /** A model to put behind the chat instead of the configured one (the harness test's scripted model). */
  model?: LanguageModel;
  /** AGENT_MODEL / OPENAI_API_KEY / OPENAI_BASE_URL for a real model. */
  modelEnv?: ModelEnv;
  /** Only these states and slices (all by default). */
  groups?: readonly GroupId[];
  /** Further narrows the cases (a slice for tests). */
  filter?: (c: EvalCase) => boolean;
  outDir?: string;
  concurrency?: number;
  thresholds?: Thresholds;
  timeoutMs?: number;
  log?: (line: string) => void;
};

export type RunResult = {
  summary: Summary;
  failures: string[];
  files: { json: string; html: string; summary: string };
  tokens: TokenTally & { model: string };
  ms: { seed: number; eval: number; total: number };
};

/** promptfoo must stay offline and keep its state inside the project's ignored folders. */
export function offlinePromptfooEnv(root = PROJECT_ROOT): void {
  process.env.PROMPTFOO_DISABLE_TELEMETRY = '1';
  process.env.PROMPTFOO_DISABLE_UPDATE = '1';
  process.env.PROMPTFOO_DISABLE_SHARING = '1';
  process.env.PROMPTFOO_DISABLE_REMOTE_GENERATION = 'true';
  process.env.PROMPTFOO_DISABLE_REDTEAM_REMOTE_GENERATION = 'true';
  process.env.PROMPTFOO_CONFIG_DIR ??= join(root, '.promptfoo');
  process.env.PROMPTFOO_CACHE_ENABLED = 'false';
  // promptfoo's own logger reads LOG_LEVEL; the service under test takes its level from its config.
  process.env.LOG_LEVEL ??= 'warn';
}

/** The model prompts are counted for: the configured real model, or the default one the offline model stands in for. */
function countedModelId(agentModel: string): string {
  return agentModel.startsWith('openai:') ? agentModel.slice('openai:'.length) : 'gpt-4.1-mini';
}

export async function runEval(o: RunOptions = {}): Promise<RunResult> {
  const t0 = performance.now();
  const log = o.log ?? (() => {});
  offlinePromptfooEnv();
  // Imported after the environment is set: promptfoo reads some of it when it loads.
  const { default: promptfoo } = await import('promptfoo');

  const tally: TokenTally = { calls: 0, input: 0, output: 0, turns: 0 };
  let countedFor = 'gpt-4.1-mini';
  const service = await startEvalService({
    ...(o.model && { model: o.model }),
    ...(o.modelEnv && { modelEnv: o.modelEnv }),
    ...(o.timeoutMs && { timeoutMs: o.timeoutMs }),
    wrapModel: (model, config) => {
      countedFor = countedModelId(config.agentModel);
      return countingModel(model, countedFor, tally);
    },
  });
  try {
    const client = createClient(service);
    const groups = new Set<GroupId>(o.groups ?? []);
    const wanted = (g: GroupId) => groups.size === 0 || groups.has(g);
    const cases = buildCases().filter((c) => wanted(c.group) && (o.filter?.(c) ?? true));
    // Seed every state a selected case talks to (escalation and injection cases borrow them).
    const states = STATES.filter((s) => cases.some((c) => c.customer === s));
    const tSeed = performance.now();
    const registry = await seedCustomers(client, service.clock, {
      states: states as StateId[],
      fresh: cases.some((c) => c.group === 'fresh_change'),
    });
    const seedMs = performance.now() - tSeed;
    log(`seeded ${registry.size} customers through the webhook and link routes in ${Math.round(seedMs)} ms`);

    const outDir = resolve(o.outDir ?? join(PROJECT_ROOT, 'evals', 'results'));
    mkdirSync(outDir, { recursive: true });
    const files = {
      json: join(outDir, 'latest.json'),
      html: join(outDir, 'latest.html'),
      summary: join(outDir, 'summary.json'),
    };
    const deps = {
      client,
      registry,
      catalogue: service.config.PLAN_CATALOGUE,
      now: () => service.clock.now(),
      tally,
    };
    const present = [...new Set(cases.map((c) => c.group))];
    const tEval = performance.now();
    await promptfoo.evaluate(
      {
        description: `ledgerdesk billing answers vs live account state (${service.modelLabel})`,
        prompts: ['{{question}}'],
        providers: [chatProvider(deps, new Map(cases.map((c) => [c.id, c])))],
        tests: promptfooTests(deps, cases),
        derivedMetrics: derivedMetrics(present),
        outputPath: [files.json, files.html],
        writeLatestResults: true,
        sharing: false,
      } as never,
      { maxConcurrency: o.concurrency ?? 4, cache: false, showProgressBar: false, silent: true },
    );
    const evalMs = performance.now() - tEval;
    const summary = summarize(resultRows(files.json), {
      model: service.modelLabel,
      turns: tally.turns,
    });
    const failures = checkThresholds(summary, o.thresholds ?? { overall: 0.9, perGroup: 0.9 });
    const tokens = { ...tally, model: countedFor };
    const ms = { seed: seedMs, eval: evalMs, total: performance.now() - t0 };
    writeFileSync(
      files.summary,
      `${JSON.stringify({ ...summary, tokens, ms, thresholdFailures: failures }, null, 2)}\n`,
    );
    return { summary, failures, files, tokens, ms };
  } finally {
    await service.stop();
  }
}
