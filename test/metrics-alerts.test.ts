// The shipped Prometheus rules (ops/prometheus/alerts.yml): they parse, each alert the issue asks for
// is there with its threshold, and every metric, label and recording rule they name exists, so a
// renamed metric cannot silently turn an alert into one that never fires.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Metric } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMetrics } from '../src/ops/metrics.ts';
import { registerOpsMetrics } from '../src/ops/metrics-routes.ts';

type Rule = {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};
type RuleFile = { groups: { name: string; interval?: string; rules: Rule[] }[] };

const FILE = fileURLToPath(new URL('../ops/prometheus/alerts.yml', import.meta.url));
const file = parse(readFileSync(FILE, 'utf8')) as RuleFile;
const rules = file.groups.flatMap((g) => g.rules);
const alerts = rules.filter((r) => r.alert);
const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));

const metrics = createMetrics();
registerOpsMetrics(metrics);
const HISTOGRAM_SUFFIXES = ['_bucket', '_count', '_sum'];

/** The registered metric a series name belongs to (histograms expose _bucket, _count and _sum). */
function metricOf(series: string): { metric: Metric; extraLabels: string[] } | undefined {
  const direct = metrics.registry.getSingleMetric(series);
  if (direct) return { metric: direct, extraLabels: [] };
  for (const suffix of HISTOGRAM_SUFFIXES) {
    if (!series.endsWith(suffix)) continue;
    const base = metrics.registry.getSingleMetric(series.slice(0, -suffix.length));
    if (base?.constructor.name === 'Histogram')
      return { metric: base, extraLabels: suffix === '_bucket' ? ['le'] : [] };
  }
  return undefined;
}

/** Each `ledgerdesk_*` selector in an expression, with the label names its matchers use. */
function selectors(expr: string): { series: string; labels: string[] }[] {
  return [...expr.matchAll(/\b(ledgerdesk_[a-z0-9_]+)(\{([^}]*)\})?/g)].map((m) => ({
    series: m[1]!,
    labels: [...(m[3] ?? '').matchAll(/(\w+)\s*(=~|!~|!=|=)/g)].map((l) => l[1]!),
  }));
}

describe('Prometheus alert rules', () => {
  it('parse into groups of rules, each an alert or a recording rule with an expression', () => {
    expect(file.groups.length).toBeGreaterThan(0);
    for (const r of rules) {
      expect(Boolean(r.alert) !== Boolean(r.record), JSON.stringify(r).slice(0, 60)).toBe(true);
      expect(typeof r.expr).toBe('string');
      expect(r.expr.split('(').length, r.expr).toBe(r.expr.split(')').length);
      if (r.for) expect(r.for).toMatch(/^\d+[smhd]$/);
      if (r.record) expect(r.record).toMatch(/^ledgerdesk:[a-z0-9_]+:[a-z0-9_]+$/);
    }
    expect(new Set(alerts.map((a) => a.alert)).size).toBe(alerts.length);
  });

  it('contain the alerts the issue asks for, with their thresholds', () => {
    const byName = Object.fromEntries(alerts.map((a) => [a.alert, a]));
    const exprOf = (name: string) => {
      const rule = byName[name];
      if (!rule) throw new Error(`missing alert ${name}`);
      return [
        rule.expr,
        ...[...rule.expr.matchAll(/ledgerdesk:[\w:]+/g)].map((m) => recordedExpr(m[0])),
      ].join('\n');
    };
    expect(exprOf('WebhookFailureRateHigh')).toMatch(/> 0\.01\b[\s\S]*\[15m\]/);
    expect(exprOf('WebhookDuplicateSpike')).toMatch(/ledgerdesk_webhook_duplicates_total/);
    expect(exprOf('EventLagHigh')).toMatch(/> 30\b[\s\S]*histogram_quantile\(0\.95/);
    expect(exprOf('EffectDeadLettered')).toMatch(/ledgerdesk_dead_letters_total/);
    expect(exprOf('NeedsReviewBacklogGrowing')).toMatch(/ledgerdesk_needs_review_backlog/);
    expect(exprOf('GuardBlockSpike')).toMatch(/reason=~"guard_block\|injection"/);
  });

  it('give every alert a severity and a summary', () => {
    for (const a of alerts) {
      expect(['page', 'warning'], a.alert).toContain(a.labels?.severity);
      expect(a.annotations?.summary, a.alert).toBeTruthy();
    }
  });

  it('name only metrics that exist, with labels those metrics have', () => {
    const problems: string[] = [];
    for (const r of rules) {
      for (const { series, labels } of selectors(r.expr)) {
        const found = metricOf(series);
        if (!found) {
          problems.push(`${r.alert ?? r.record}: no metric ${series}`);
          continue;
        }
        const known = [
          ...((found.metric as unknown as { labelNames: string[] }).labelNames ?? []),
          ...found.extraLabels,
        ];
        for (const l of labels)
          if (!known.includes(l)) problems.push(`${r.alert ?? r.record}: ${series} has no label ${l}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('use only recording rules defined in the file', () => {
    const used = rules.flatMap((r) => [...r.expr.matchAll(/\bledgerdesk:[a-z0-9_:]+/g)].map((m) => m[0]));
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((u) => !recorded.has(u))).toEqual([]);
  });

  it('record handoffs per 100 payments from the handoff and payment counters', () => {
    const expr = recordedExpr('ledgerdesk:handoffs_per_100_payments:ratio1d');
    expect(expr).toMatch(/100 \* sum\(increase\(ledgerdesk_handoffs_total\[1d\]\)\)/);
    expect(expr).toMatch(/ledgerdesk_payments_total\{result="succeeded"\}/);
  });
});

function recordedExpr(name: string): string {
  const rule = rules.find((r) => r.record === name);
  if (!rule) throw new Error(`no recording rule ${name}`);
  return rule.expr;
}
