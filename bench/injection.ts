// Injection detector benchmark: detection rate per attack kind and false-positive rate per benign
// kind and language, on both corpus splits, with and without the learned model; then latency.
// Targets (HOLDOUT split): >= 95 % of attacks blocked, <= 2 % of benign messages flagged.
//   npm run bench:injection
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { detect } from '../src/agent/guard/injection/detect.ts';
import { detectInjection } from '../src/agent/guard/injection/index.ts';
import { NORMALIZE_STEPS } from '../src/agent/guard/injection/normalize.ts';
import { MODEL_WEIGHT } from '../src/agent/guard/injection/thresholds.ts';
import {
  evaluateSplit,
  loadCorpus,
  type Rate,
  type Split,
  type SplitReport,
} from '../test/fixtures/injection/corpus.ts';

const pct = (r: Rate) => `${(r.rate * 100).toFixed(1).padStart(5)} % (${r.hit}/${r.total})`;
const line = (label: string, cells: string[]) =>
  `  ${label.padEnd(26)}${cells.map((c) => c.padEnd(24)).join('')}`;

const CONFIGS = [
  { name: 'rules + model', blocked: (t: string) => detectInjection(t).verdict === 'block' },
  { name: 'rules only', blocked: (t: string) => detect(t, { modelWeight: 0 }).verdict === 'block' },
] as const;

function table(title: string, reports: SplitReport[], pick: (r: SplitReport) => Map<string, Rate>): string[] {
  const keys = [...new Set(reports.flatMap((r) => [...pick(r).keys()]))].sort();
  return [
    `  ${title}`,
    ...keys.map((k) =>
      line(
        k,
        reports.map((r) => {
          const v = pick(r).get(k);
          return v ? pct(v) : '-';
        }),
      ),
    ),
  ];
}

const SPLIT_NOTE: Record<Split, string> = {
  holdout: '(targets: attacks >= 95 %, benign <= 2 %)',
  probe: '(written after all tuning, never tuned on: a fresh look at generalisation)',
  train: '(the rules and model were written from this split)',
};

function reportSplit(split: Split): string[] {
  const reports = CONFIGS.map((c) => evaluateSplit(split, c.blocked));
  const header = line(
    '',
    CONFIGS.map((c) => c.name),
  );
  return [
    '',
    `== ${split.toUpperCase()} split ${SPLIT_NOTE[split]}`,
    header,
    line(
      'attacks blocked',
      reports.map((r) => pct(r.attacks)),
    ),
    line(
      'benign flagged',
      reports.map((r) => pct(r.benign)),
    ),
    ...table('attacks blocked, per kind', reports, (r) => r.attacksByKind),
    ...table('benign flagged, per kind', reports, (r) => r.benignByKind),
    ...table('benign flagged, per language', reports, (r) => r.benignByLang),
  ];
}

function ablation(): string[] {
  // What each normalisation step is worth on the holdout attacks (production config otherwise).
  const out = ['', '== holdout attacks blocked with one normalisation step switched off'];
  for (const step of NORMALIZE_STEPS) {
    const r = evaluateSplit('holdout', (t) => detect(t, { skip: [step] }).verdict === 'block');
    out.push(line(`without ${step}`, [pct(r.attacks), `benign ${pct(r.benign)}`]));
  }
  return out;
}

function latency(): string[] {
  const texts = (['train', 'holdout'] as const).flatMap((s) => [
    ...loadCorpus('attacks', s).map((i) => i.text),
    ...loadCorpus('benign', s).map((i) => i.text),
  ]);
  for (let i = 0; i < 3; i++) for (const t of texts) detectInjection(t); // warm the JIT and regex caches
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const t of texts) {
      const start = performance.now();
      detectInjection(t);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  const chars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
  return [
    '',
    `== latency of detectInjection (${times.length} calls over ${texts.length} corpus messages, mean ${chars.toFixed(0)} chars)`,
    `  mean ${mean.toFixed(3)} ms   p50 ${at(0.5).toFixed(3)} ms   p99 ${at(0.99).toFixed(3)} ms   max ${at(1).toFixed(3)} ms`,
  ];
}

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
const out = [
  `injection detector bench — ${new Date().toISOString()}`,
  `machine: ${cpu} (${os.cpus().length} cores), ${os.platform()} ${os.arch()}, node ${process.version}`,
  // Latency tails are sensitive to other work on the machine; the load average says how busy it was.
  `load average (1/5/15 min): ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`,
  `learned model weight: ${MODEL_WEIGHT} (a weak signal; it cannot block on its own)`,
  ...reportSplit('holdout'),
  ...reportSplit('probe'),
  ...reportSplit('train'),
  ...ablation(),
  ...latency(),
];
process.stdout.write(`${out.join('\n')}\n`);
