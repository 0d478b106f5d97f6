// The promptfoo side: a provider that plays each case's turns through POST /v1/chat (sending a fresh
// change's webhooks between turns), one async javascript assertion per case that reads the live
// state and grades every turn, named scores per state and for escalations, and derived metrics.
import type { PlanCatalogue } from '../src/billing/plans.ts';
import type { EvalCase } from './cases.ts';
import type { ChatTurn, EvalClient } from './client.ts';
import { judgeTurn, type TurnVerdict } from './judge.ts';
import { expectationFor, type LiveState, liveDiff, readLive } from './live.ts';
import type { Registry } from './seed.ts';
import { type GroupId, STATE_LABELS } from './states.ts';
import { answerTokens, type TokenTally } from './tokens.ts';

// Types of promptfoo's Node API, kept to what is used here (its own .d.ts is 25k lines of zod).
type ProviderResponse = {
  output?: string;
  error?: string;
  metadata?: Record<string, unknown>;
  latencyMs?: number;
};
type CallContext = { vars: Record<string, unknown> };
export type EvalProvider = {
  id(): string;
  label: string;
  callApi(prompt: string, context?: CallContext): Promise<ProviderResponse>;
};
type GradingResult = {
  pass: boolean;
  score: number;
  reason: string;
  namedScores?: Record<string, number>;
  metadata?: Record<string, unknown>;
};
type AssertContext = { vars: Record<string, unknown>; providerResponse?: ProviderResponse };

export type SuiteDeps = {
  client: EvalClient;
  registry: Registry;
  catalogue: PlanCatalogue;
  now: () => Date;
  tally: TokenTally;
};

type PlayMeta = { turns: ChatTurn[]; before?: LiveState };

export function chatProvider(d: SuiteDeps, cases: Map<string, EvalCase>): EvalProvider {
  return {
    id: () => 'ledgerdesk:/v1/chat',
    label: 'ledgerdesk /v1/chat',
    async callApi(_prompt, context) {
      const c = cases.get(String(context?.vars.case_id));
      if (!c) return { error: `unknown case ${String(context?.vars.case_id)}` };
      const customer = d.registry.get(c.customer);
      if (!customer) return { error: `customer ${c.customer} was not seeded` };
      const t0 = performance.now();
      const meta: PlayMeta = { turns: [] };
      let conversationId: string | undefined;
      for (const [i, turn] of c.turns.entries()) {
        if (c.changeBefore === i) {
          // The state the earlier turns were answered in, then the change, through the webhook route.
          meta.before = await readLive(d.client, customer);
          await customer.change?.();
        }
        const answer = await d.client.chat(turn.text, { token: customer.token, conversationId });
        meta.turns.push(answer);
        d.tally.turns += 1;
        d.tally.output += answerTokens(answer.text);
        if (answer.outcome === 'error')
          return { error: `turn ${i + 1}: HTTP ${answer.status} ${answer.text}`, metadata: meta };
        conversationId = answer.conversationId;
      }
      return {
        output: meta.turns.at(-1)?.text ?? '',
        metadata: meta,
        latencyMs: Math.round(performance.now() - t0),
      };
    },
  };
}

/** The assertion: live state now (and before a fresh change), every turn graded against it. */
export function gradeCase(d: SuiteDeps, cases: Map<string, EvalCase>) {
  return async (_output: string, context: AssertContext): Promise<GradingResult> => {
    const c = cases.get(String(context.vars.case_id));
    const customer = c && d.registry.get(c.customer);
    const meta = context.providerResponse?.metadata as PlayMeta | undefined;
    if (!c || !customer || !meta) return { pass: false, score: 0, reason: 'no case, customer or transcript' };
    const live = await readLive(d.client, customer);
    const ctx = { catalogue: d.catalogue, now: d.now() };
    const verdicts: TurnVerdict[] = c.turns.map((turn, i) => {
      const state = c.changeBefore !== undefined && i < c.changeBefore && meta.before ? meta.before : live;
      const answer = meta.turns[i] ?? { text: '', outcome: 'error' as const, status: 0, ms: 0 };
      return judgeTurn(answer, {
        expected: turn.expect ?? expectationFor(state),
        topic: turn.topic,
        live: state,
        ctx,
      });
    });
    const problems = verdicts.flatMap((v, i) => v.problems.map((p) => `turn ${i + 1}: ${p}`));
    if (meta.before && !liveDiff(meta.before, live))
      problems.push('the fresh change did not change the live state');
    const pass = problems.length === 0;
    return {
      pass,
      score: pass ? 1 : 0,
      reason: pass ? summary(verdicts, meta.before, live) : problems.join(' | '),
      namedScores: { [`n_${c.group}`]: 1, ...escalationCounts(verdicts) },
      metadata: {
        group: c.group,
        verdicts: verdicts.map(({ claims, ...v }) => ({ ...v, claims: claims.length })),
      },
    };
  };
}

function summary(verdicts: TurnVerdict[], before: LiveState | undefined, live: LiveState): string {
  const turns = verdicts
    .map((v) => `${v.expected}: ${v.outcome}, ${v.claims.length} claims checked`)
    .join('; ');
  return before ? `${turns}; live change ${liveDiff(before, live)}` : turns;
}

/**
 * Escalation confusion counts over graded turns: a turn should escalate when a handoff is the right
 * answer, and did when the chat ended it in a handoff. Declines count for neither.
 */
function escalationCounts(verdicts: TurnVerdict[]): Record<string, number> {
  const n = { esc_tp: 0, esc_fp: 0, esc_fn: 0, esc_tn: 0 };
  for (const v of verdicts) {
    if (v.expected === 'decline') continue;
    const should = v.expected === 'handoff';
    const did = v.outcome === 'handoff';
    if (should && did) n.esc_tp += 1;
    else if (!should && did) n.esc_fp += 1;
    else if (should && !did) n.esc_fn += 1;
    else n.esc_tn += 1;
  }
  return n;
}

/** Derived metrics promptfoo computes from the named scores: per-group accuracy, escalation P/R. */
export function derivedMetrics(groups: GroupId[]) {
  const ratio = (a: number | undefined, b: number | undefined) => (b ? (a ?? 0) / b : 0);
  return [
    ...groups.map((g) => ({
      name: `accuracy_${g}`,
      value: (s: Record<string, number>) => ratio(s[g], s[`n_${g}`]),
    })),
    {
      name: 'accuracy_overall',
      value: (s: Record<string, number>) =>
        ratio(
          groups.reduce((sum, g) => sum + (s[g] ?? 0), 0),
          groups.reduce((sum, g) => sum + (s[`n_${g}`] ?? 0), 0),
        ),
    },
    {
      name: 'escalation_precision',
      value: (s: Record<string, number>) => ratio(s.esc_tp, (s.esc_tp ?? 0) + (s.esc_fp ?? 0)),
    },
    {
      name: 'escalation_recall',
      value: (s: Record<string, number>) => ratio(s.esc_tp, (s.esc_tp ?? 0) + (s.esc_fn ?? 0)),
    },
  ];
}

export function promptfooTests(d: SuiteDeps, cases: EvalCase[]) {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const grade = gradeCase(d, byId);
  return cases.map((c) => ({
    description: `${c.id}: ${c.turns.map((t) => t.text).join(' / ')}`,
    vars: {
      question: c.turns[0]?.text ?? '',
      case_id: c.id,
      group: c.group,
      state: STATE_LABELS[c.group],
      turns: c.turns.map((t) => t.text).join('\n'),
    },
    metadata: { group: c.group, caseId: c.id, ...(c.note && { change: c.note }) },
    assert: [{ type: 'javascript' as const, value: grade, metric: '{{group}}' }],
  }));
}
