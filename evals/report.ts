// Reads promptfoo's JSON output and decides the run: accuracy per state and slice, overall, and
// escalation precision/recall, from the per-case results themselves (not from promptfoo's pass
// rate alone), so the check is independent of how promptfoo aggregates.
import { readFileSync } from 'node:fs';
import { GROUPS_IN_ORDER, type GroupId, STATE_LABELS, STATES } from './states.ts';

type ResultRow = {
  success: boolean;
  error?: string | null;
  testCase?: { metadata?: { group?: string; caseId?: string } };
  gradingResult?: { reason?: string; namedScores?: Record<string, number> } | null;
  namedScores?: Record<string, number>;
  response?: { output?: string } | null;
};

export type GroupFigures = { group: GroupId; label: string; passed: number; total: number; accuracy: number };

export type Summary = {
  date: string;
  model: string;
  cases: number;
  turns: number;
  overall: { passed: number; total: number; accuracy: number };
  groups: GroupFigures[];
  escalation: { tp: number; fp: number; fn: number; tn: number; precision: number; recall: number };
  failures: { caseId: string; group: string; reason: string }[];
};

/** The rows of a promptfoo results file (the Node API's and the CLI's `-o x.json` share the shape). */
export function resultRows(file: string): ResultRow[] {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { results?: { results?: ResultRow[] } };
  const rows = json.results?.results;
  if (!Array.isArray(rows)) throw new Error(`${file} has no results.results array`);
  return rows;
}

export function summarize(rows: ResultRow[], o: { model: string; turns: number; date?: Date }): Summary {
  const by = new Map<GroupId, { passed: number; total: number }>();
  const esc = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const failures: Summary['failures'] = [];
  for (const row of rows) {
    const group = row.testCase?.metadata?.group as GroupId | undefined;
    if (!group) continue;
    const g = by.get(group) ?? { passed: 0, total: 0 };
    g.total += 1;
    if (row.success) g.passed += 1;
    else
      failures.push({
        caseId: row.testCase?.metadata?.caseId ?? '?',
        group,
        reason: row.gradingResult?.reason ?? row.error ?? 'failed',
      });
    by.set(group, g);
    const s = row.gradingResult?.namedScores ?? row.namedScores ?? {};
    esc.tp += s.esc_tp ?? 0;
    esc.fp += s.esc_fp ?? 0;
    esc.fn += s.esc_fn ?? 0;
    esc.tn += s.esc_tn ?? 0;
  }
  const groups = GROUPS_IN_ORDER.filter((g) => by.has(g)).map((group) => {
    const { passed, total } = by.get(group)!;
    return { group, label: STATE_LABELS[group], passed, total, accuracy: passed / total };
  });
  const passed = groups.reduce((n, g) => n + g.passed, 0);
  const total = groups.reduce((n, g) => n + g.total, 0);
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    date: (o.date ?? new Date()).toISOString(),
    model: o.model,
    cases: total,
    turns: o.turns,
    overall: { passed, total, accuracy: ratio(passed, total) },
    groups,
    escalation: {
      ...esc,
      precision: ratio(esc.tp, esc.tp + esc.fp),
      recall: ratio(esc.tp, esc.tp + esc.fn),
    },
    failures,
  };
}

export type Thresholds = { overall: number; perGroup: number };

/** Why the run fails (empty when it passes): overall under the bar, or any single state or slice. */
export function checkThresholds(s: Summary, t: Thresholds): string[] {
  const out: string[] = [];
  if (s.cases === 0) out.push('no cases ran');
  if (s.overall.accuracy < t.overall)
    out.push(`overall accuracy ${pct(s.overall.accuracy)} is under ${pct(t.overall)}`);
  for (const g of s.groups)
    if (g.accuracy < t.perGroup)
      out.push(
        `${g.group} (${g.label}) accuracy ${pct(g.accuracy)} (${g.passed}/${g.total}) is under ${pct(t.perGroup)}`,
      );
  return out;
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

/** The table the README keeps: one line per state and slice. */
export function markdownTable(s: Summary): string {
  const lines = [
    '| state | cases | passed | accuracy |',
    '|---|---:|---:|---:|',
    ...s.groups.map((g) => `| ${g.label} | ${g.total} | ${g.passed} | ${pct(g.accuracy)} |`),
    `| **overall** | **${s.overall.total}** | **${s.overall.passed}** | **${pct(s.overall.accuracy)}** |`,
  ];
  return lines.join('\n');
}

export function isState(g: GroupId): boolean {
  return (STATES as readonly string[]).includes(g);
}
