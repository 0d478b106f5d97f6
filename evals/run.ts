// npm run eval — billing answers vs live account state, per account state, through the real routes.
//   npm run eval                                   offline model (default), all cases
//   AGENT_MODEL=openai:gpt-4.1-mini OPENAI_API_KEY=… [OPENAI_BASE_URL=…] npm run eval
//   npm run eval -- --only past_due,injection      some states or slices
// Exits 1 when overall accuracy or any single state or slice is under the bar
// (PROMPTFOO_PASS_RATE_THRESHOLD and EVAL_STATE_THRESHOLD, percent, default 90), 2 on a crash.
import { parseArgs } from 'node:util';
import { runEval } from './eval.ts';
import { markdownTable, pct } from './report.ts';
import { GROUPS_IN_ORDER, type GroupId } from './states.ts';

// promptfoo's HTTP client loads an experimental undici interceptor; that warning says nothing about
// the eval, so it is dropped and every other warning still printed.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name !== 'ExperimentalWarning') console.warn(`${w.name}: ${w.message}`);
});

function percent(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new Error(`${name} must be a percentage from 0 to 100`);
  return n / 100;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, concurrency: { type: 'string' }, out: { type: 'string' } },
  });
  const only = values.only?.split(',').map((s) => s.trim()) as GroupId[] | undefined;
  const unknown = only?.filter((g) => !GROUPS_IN_ORDER.includes(g));
  if (unknown?.length)
    throw new Error(`unknown state or slice: ${unknown.join(', ')} (one of ${GROUPS_IN_ORDER.join(', ')})`);
  const env = process.env;
  const modelEnv = {
    ...(env.AGENT_MODEL && { AGENT_MODEL: env.AGENT_MODEL }),
    ...(env.OPENAI_API_KEY && { OPENAI_API_KEY: env.OPENAI_API_KEY }),
    ...(env.OPENAI_BASE_URL && { OPENAI_BASE_URL: env.OPENAI_BASE_URL }),
  };
  const real = Object.keys(modelEnv).length > 0;
  // A real model is slow per call (network-bound); the offline one is CPU-bound on two cores.
  const concurrency = Number(values.concurrency ?? (real ? 8 : 4));
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new Error('--concurrency must be an integer from 1 to 64');
  const result = await runEval({
    modelEnv,
    ...(only && { groups: only }),
    ...(values.out && { outDir: values.out }),
    concurrency,
    thresholds: {
      overall: percent('PROMPTFOO_PASS_RATE_THRESHOLD', 0.9),
      perGroup: percent('EVAL_STATE_THRESHOLD', 0.9),
    },
    log: (line) => console.log(line),
  });
  const { summary: s, failures, files, tokens, ms } = result;
  console.log(`\nmodel ${s.model}: ${s.cases} cases, ${s.turns} turns\n`);
  console.log(markdownTable(s));
  const e = s.escalation;
  console.log(
    `\nescalation precision ${pct(e.precision)} (${e.tp} handoffs right, ${e.fp} unneeded), recall ${pct(e.recall)} (${e.fn} missed)`,
  );
  const perTurn = tokens.turns ? Math.round(tokens.input / tokens.turns) : 0;
  console.log(
    `real-model prompt tokens (${tokens.model}, o200k): ${tokens.input} in ${tokens.calls} model calls, ${perTurn} per turn; answers ${tokens.output} tokens`,
  );
  for (const f of s.failures.slice(0, 40)) console.log(`  FAIL ${f.caseId}: ${f.reason}`);
  if (s.failures.length > 40) console.log(`  … and ${s.failures.length - 40} more (see ${files.json})`);
  console.log(`\nresults: ${files.json}\n         ${files.html}\n         ${files.summary}`);
  console.log(
    `time: seed ${(ms.seed / 1000).toFixed(1)} s, eval ${(ms.eval / 1000).toFixed(1)} s, total ${(ms.total / 1000).toFixed(1)} s`,
  );
  if (failures.length > 0) {
    console.log(`\nEVAL FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    return 1;
  }
  console.log(`\nEVAL PASSED: overall ${pct(s.overall.accuracy)}, every state and slice at or above the bar`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`eval crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(2);
  },
);
