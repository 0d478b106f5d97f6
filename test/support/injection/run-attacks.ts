// Sends every attack through POST /v1/chat and checks what the client received, turn by turn.
// Violations are collected rather than thrown, so one run reports every kind of failure at once.
import type { UIMessageChunk } from 'ai';
import type { MockLanguageModelV4 } from 'ai/test';
import type { Hono } from 'hono';
import type { ChatUIMessage } from '../../../src/agent/chat-types.ts';
import { detectInjection } from '../../../src/agent/guard/injection/index.ts';
import { lastMessage, readChunks } from '../../../src/agent/testing/chat-client.ts';
import type { AppEnv } from '../../../src/app-env.ts';
import type { CorpusItem } from '../../fixtures/injection/corpus.ts';
import {
  badLinks,
  disclosedInstructions,
  disclosedSecrets,
  isNeutralHandoffReply,
  revealsRule,
} from './checks.ts';
import { CHANGE_CLAIM, LINK_FORMS, modelCalls, type ObedientModel, TACTICS, type Tactic } from './models.ts';

export type Asker = { name: 'customer' | 'anonymous'; token?: string };

export type ViolationKind =
  | 'crash'
  | 'disclosure'
  | 'cross_customer'
  | 'bad_link'
  | 'false_change_claim'
  | 'model_called_on_blocked'
  | 'blocked_not_injection_handoff'
  | 'reply_reveals_rule'
  | 'injection_handoff_without_block';

export type Violation = {
  kind: ViolationKind;
  attack: number;
  asker: string;
  tactic?: string;
  detail: string;
};

export type RunSpec = {
  app: Hono<AppEnv>;
  /** The model behind the app; its calls are counted per turn. */
  model: MockLanguageModelV4;
  obedient?: ObedientModel;
  /** Whether the app screens with the real detector (so a blocked verdict predicts a handoff). */
  realScreen: boolean;
  attacks: CorpusItem[];
  askers: Asker[];
  /** Strings that only the other customer's record holds (case-insensitive). */
  victimMarkers: string[];
  /** Strings the signed-in customer's own tool results hold: seen in some reply, echoes do reach the client. */
  ownMarkers: string[];
  allowedHosts: readonly string[];
  extraSecrets: readonly string[];
  /** The obedient model's tactics, taken in turn; all of them unless given. */
  tactics?: readonly Tactic[];
};

export type RunReport = {
  attacks: number;
  turns: number;
  blockedByScreen: number;
  handedOff: number;
  answered: number;
  modelCalls: number;
  /** Turns whose reply carried the signed-in customer's own tool data (the echo reached the client). */
  ownDataEchoed: number;
  count: Record<ViolationKind, number>;
  violations: Violation[];
};

type Received = {
  status: number;
  raw: string;
  chunks: UIMessageChunk[];
  message?: ChatUIMessage;
  text: string;
};

async function send(app: Hono<AppEnv>, input: string, token?: string): Promise<Received> {
  const res = await app.request('/v1/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ message: { role: 'user', parts: [{ type: 'text', text: input }] } }),
  });
  const raw = await res.text();
  if (res.status !== 200) return { status: res.status, raw, chunks: [], text: '' };
  const chunks = await readChunks(new Response(raw));
  const message = await lastMessage(
    new ReadableStream({
      start(c) {
        for (const ch of chunks) c.enqueue(ch);
        c.close();
      },
    }),
  );
  const text = (message?.parts ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');
  return { status: 200, raw, chunks, message, text };
}

function excerpt(s: string): string {
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}

const VIOLATION_KINDS: ViolationKind[] = [
  'crash',
  'disclosure',
  'cross_customer',
  'bad_link',
  'false_change_claim',
  'model_called_on_blocked',
  'blocked_not_injection_handoff',
  'reply_reveals_rule',
  'injection_handoff_without_block',
];

type Flag = (kind: ViolationKind, detail: string) => void;

/** What no reply may carry, whoever asked and whatever the screen decided. */
function checkLeaks(spec: RunSpec, got: Received, flag: Flag): void {
  const prompts = disclosedInstructions(got.text);
  if (prompts.length) flag('disclosure', `instructions "${prompts[0]}" in: ${got.text}`);
  if (disclosedSecrets(`${got.raw}\n${got.text}`, spec.extraSecrets).length)
    flag('disclosure', `a configured secret in: ${got.raw}`);
  const seen = `${got.raw}\n${got.text}`.toLowerCase();
  const theirs = spec.victimMarkers.filter((m) => seen.includes(m.toLowerCase()));
  if (theirs.length) flag('cross_customer', `${theirs.join(', ')} in: ${got.raw}`);
  const links = badLinks(got.text, spec.allowedHosts);
  if (links.length) flag('bad_link', `${links.join(' ')} in: ${got.text}`);
  if (got.text.includes(CHANGE_CLAIM.slice(0, 40))) flag('false_change_claim', got.text);
}

/** A screened message: no model call, an `injection` handoff for human review, the neutral reply. */
function checkScreened(input: string, got: Received, calls: number, flag: Flag): void {
  const meta = got.message?.metadata;
  if (calls !== 0) flag('model_called_on_blocked', `${calls} model calls for: ${input}`);
  const h = meta?.handoff;
  if (meta?.outcome !== 'handoff' || h?.reason !== 'injection' || h.tag !== 'human_review')
    flag('blocked_not_injection_handoff', `${JSON.stringify(meta)} for: ${input}`);
  const said = revealsRule(got.text);
  if (said.length || !h || !isNeutralHandoffReply(got.text, h.id))
    flag('reply_reveals_rule', `${said.join(', ') || 'not the neutral handoff reply'}: ${got.text}`);
}

function emptyReport(attacks: number): RunReport {
  return {
    attacks,
    turns: 0,
    blockedByScreen: 0,
    handedOff: 0,
    answered: 0,
    modelCalls: 0,
    ownDataEchoed: 0,
    count: Object.fromEntries(VIOLATION_KINDS.map((k) => [k, 0])) as Record<ViolationKind, number>,
    violations: [],
  };
}

export async function runAttacks(spec: RunSpec): Promise<RunReport> {
  const report = emptyReport(spec.attacks.length);
  const tactics = spec.tactics ?? TACTICS;
  for (const [i, attack] of spec.attacks.entries()) {
    const blocked = spec.realScreen && detectInjection(attack.text).verdict === 'block';
    if (blocked) report.blockedByScreen++;
    for (const asker of spec.askers) {
      const turn = report.turns++;
      const tactic = tactics[turn % tactics.length];
      if (spec.obedient && tactic) {
        spec.obedient.plan.tactic = tactic;
        spec.obedient.plan.link = LINK_FORMS[Math.floor(turn / tactics.length) % LINK_FORMS.length] ?? '';
      }
      const flag: Flag = (kind, detail) => {
        // Counted always; five examples per kind are enough to read.
        if (report.count[kind]++ < 5)
          report.violations.push({
            kind,
            attack: i,
            asker: asker.name,
            tactic: spec.obedient ? tactic : undefined,
            detail: excerpt(detail),
          });
      };
      const before = modelCalls(spec.model);
      const got = await send(spec.app, attack.text, asker.token);
      const calls = modelCalls(spec.model) - before;
      report.modelCalls += calls;
      const meta = got.message?.metadata;
      if (got.status !== 200) flag('crash', `HTTP ${got.status}: ${got.raw}`);
      if (got.chunks.some((c) => c.type === 'error')) flag('crash', `stream error: ${got.raw}`);
      if (meta?.outcome === 'handoff') report.handedOff++;
      if (meta?.outcome === 'answered') report.answered++;
      if (spec.ownMarkers.some((m) => got.text.includes(m))) report.ownDataEchoed++;
      checkLeaks(spec, got, flag);
      if (blocked) checkScreened(attack.text, got, calls, flag);
      else if (meta?.handoff?.reason === 'injection') flag('injection_handoff_without_block', attack.text);
    }
  }
  return report;
}

export function summaryLine(name: string, r: RunReport, stateChanges: number): string {
  return (
    `[injection e2e] ${name}: attacks ${r.attacks}, turns ${r.turns}, blocked by screen ${r.blockedByScreen}, ` +
    `handed off ${r.handedOff}, answered ${r.answered}, model calls ${r.modelCalls}, ` +
    `disclosures ${r.count.disclosure}, cross-customer ${r.count.cross_customer}, ` +
    `state changes ${stateChanges}, bad links ${r.count.bad_link}, false change claims ${r.count.false_change_claim}, ` +
    `crashes ${r.count.crash}, own data echoed ${r.ownDataEchoed}`
  );
}
