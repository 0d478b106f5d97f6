// npm run bench:targets — issue #3's speed targets, judged from one set of runs on this machine.
// It runs bench:reference (the issue's own yardstick, stripe/sync-engine), bench:webhooks and
// bench:floor ("insert") one after another at the same rates with BENCH_REPEAT windows each, then
// bench:access, and prints every target against what was measured: absolutely, and against the
// reference measured minutes earlier on the same machine (the issue set the targets at about half
// the reference's figures, on "this same 2-core machine"), then each server's CPU in units of the load
// generator's, whose work is the same in every run. It measures; it asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine } from './support.ts';

type Row = Record<string, string | number>;

const RATES = process.env.BENCH_RATES ?? '300,800,1200,1600';
// The reference saturates near 600–800/s here: above that its queue only grows, and a window
// at 1,600/s would spend minutes draining it.
const REFERENCE_RATES = process.env.TARGETS_REFERENCE_RATES ?? '300,800,1200';
const REPEAT = process.env.BENCH_REPEAT ?? '3';
const dir = mkdtempSync(join(tmpdir(), 'ledgerdesk-targets-'));

/** Runs one bench with its table on this terminal and returns its rows. */
function run(bench: string, env: Record<string, string>): Row[] {
  const file = join(dir, `${bench}.json`);
  console.log(`\n## bench:${bench} (${new Date().toISOString()})`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${bench}.ts`], {
    env: { ...process.env, BENCH_JSON: file, BENCH_REPEAT: REPEAT, ...env },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`bench:${bench} exited with ${r.status ?? r.signal}`);
  return JSON.parse(readFileSync(file, 'utf8')) as Row[];
}

/** Per rate, the row over all of its windows (or its only window). */
function byRate(rows: Row[]): Map<number, Row> {
  const out = new Map<number, Row>();
  for (const row of rows) {
    const rate = Number(row.rate);
    if (row.window === undefined || row.window === 'all') out.set(rate, row);
  }
  return out;
}

console.log(
  `# bench:targets — ${machine()}; rates ${RATES} (reference ${REFERENCE_RATES}), ${REPEAT} windows each`,
);
const reference = byRate(run('reference', { BENCH_RATES: REFERENCE_RATES }));
const ledgerdesk = byRate(run('webhooks', { BENCH_RATES: RATES }));
const floor = byRate(run('floor', { BENCH_RATES: RATES, FLOOR_MODES: 'insert' }));
const access = run('access', {})[0]!;

const num = (row: Row | undefined, key: string) => (row ? Number(row[key]) : Number.NaN);
const show = (v: number, unit: string) => (Number.isNaN(v) ? '—' : `${v} ${unit}`);
const ratio = (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? '—' : (a / b).toFixed(2));

const verdicts: Row[] = [];
const judge = (target: string, rate: number, key: string, limit: number, unit: string) => {
  const v = num(ledgerdesk.get(rate), key);
  verdicts.push({
    target,
    ledgerdesk: show(v, unit),
    met: Number.isNaN(v) ? 'not run' : v <= limit ? 'yes' : 'no',
    reference: show(num(reference.get(rate), key), unit),
    floor: show(num(floor.get(rate), key), unit),
    'ledgerdesk / reference': ratio(v, num(reference.get(rate), key)),
  });
};
judge('p99 ≤ 5 ms at 300/s', 300, 'p99_ms', 5, 'ms');
judge('p99 ≤ 20 ms at 800/s', 800, 'p99_ms', 20, 'ms');
const highest = (m: Map<number, Row>) =>
  Math.max(0, ...[...m].filter(([, r]) => Number(r.p99_ms) < 50).map(([rate]) => rate));
const top = highest(ledgerdesk);
verdicts.push({
  target: '≥ 1,200/s with p99 < 50 ms (highest rate run)',
  ledgerdesk: `${top}/s`,
  met: top >= 1200 ? 'yes' : 'no',
  reference: `${highest(reference)}/s`,
  floor: `${highest(floor)}/s`,
  'ledgerdesk / reference': ratio(top, highest(reference)),
});
for (const rate of [...ledgerdesk.keys()].sort((a, b) => a - b))
  judge(`server CPU ≤ 0.45 ms per event, at ${rate}/s`, rate, 'server_cpu_ms_per_event', 0.45, 'ms');
const p95 = Number(access.p95_ms);
verdicts.push({
  target: 'bench:access p95 ≤ 5 ms at 1,000 req/s',
  ledgerdesk: show(p95, 'ms'),
  met: p95 <= 5 ? 'yes' : 'no',
  reference: '—',
  floor: '—',
  'ledgerdesk / reference': '—',
});
console.log(`\n## issue #3's targets, as measured above (${new Date().toISOString()})`);
console.table(verdicts);
// The machine's speed in each run, by the load generator's CPU per event (the same work in every
// window; see server_per_loadgen in support.ts), and each server's CPU in those units. The
// reference's generator also serves its fake Stripe API, so its ratio is not comparable and is left out.
const yardstick: Row[] = [...ledgerdesk.keys()]
  .sort((a, b) => a - b)
  .map((rate) => ({
    rate,
    'load generator, ledgerdesk run': show(num(ledgerdesk.get(rate), 'loadgen_cpu_ms'), 'ms'),
    'ledgerdesk / load generator': show(num(ledgerdesk.get(rate), 'server_per_loadgen'), '×'),
    'load generator, floor run': show(num(floor.get(rate), 'loadgen_cpu_ms'), 'ms'),
    'floor / load generator': show(num(floor.get(rate), 'server_per_loadgen'), '×'),
  }));
console.log('\n## CPU per event in units of the load generator (how fast the machine was in each run)');
console.table(yardstick);
const steal = [reference, ledgerdesk, floor].flatMap((m) => [...m.values()].map((r) => Number(r.steal_pct)));
console.log(`# steal (hypervisor) over the windows: ${Math.min(...steal)}–${Math.max(...steal)} %`);
