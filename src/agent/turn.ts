// One turn of the agent, with nothing released until it is checked: the model's text is buffered,
// the tool results collected, and the outcome decided after the loop ends (answer, handoff, sign-in).
import type { ModelMessage } from 'ai';
import type { RequestHumanInput } from '../tools/request-human.ts';
import type { SupportAgent } from './agent.ts';
import { claimsAccountChange } from './guard/change-claims.ts';
import type { Claim } from './guard/claims.ts';
import { collectEvidence, type ToolOutput } from './guard/evidence.ts';
import { type GroundingOptions, verifyAnswer } from './guard/grounding.ts';
import { echoesInstructions } from './guard/prompt-echo.ts';
import { type HandoffRequest, stateHandoff } from './handoff/reasons.ts';
import { detectIntent, topicTag } from './intents.ts';

export type Progress = { toolCallId: string; tool: string; status: 'running' | 'done' | 'error' };

export type TurnResult =
  | { kind: 'answer'; text: string; unanswered: boolean; outputs: ToolOutput[] }
  | { kind: 'handoff'; handoff: HandoffRequest; blocked?: Claim[]; error?: unknown }
  | { kind: 'signIn' };

export type TurnOptions = GroundingOptions & {
  question: string;
  messages: ModelMessage[];
  anonymous: boolean;
  timeoutMs: number;
  onProgress?: (p: Progress) => void;
};

type Collected = {
  text: string;
  outputs: ToolOutput[];
  toolError: boolean;
  requested: RequestHumanInput | null;
  error: unknown;
};

async function collect(agent: SupportAgent, opts: TurnOptions): Promise<Collected> {
  const c: Collected = { text: '', outputs: [], toolError: false, requested: null, error: undefined };
  const progress = opts.onProgress ?? (() => {});
  try {
    const result = await agent.stream({ messages: opts.messages, timeout: { totalMs: opts.timeoutMs } });
    for await (const part of result.stream) {
      if (part.type === 'text-delta') c.text += part.text;
      else if (part.type === 'tool-call') {
        progress({ toolCallId: part.toolCallId, tool: part.toolName, status: 'running' });
        if (part.toolName === 'requestHuman' && !part.invalid) c.requested = part.input as RequestHumanInput;
      } else if (part.type === 'tool-result') {
        c.outputs.push({ toolName: part.toolName, output: part.output });
        progress({ toolCallId: part.toolCallId, tool: part.toolName, status: 'done' });
      } else if (part.type === 'tool-error') {
        c.toolError = true;
        progress({ toolCallId: part.toolCallId, tool: part.toolName, status: 'error' });
      } else if (part.type === 'error') c.error = part.error;
      else if (part.type === 'abort') c.error ??= new Error(`aborted: ${part.reason ?? 'timeout'}`);
    }
  } catch (err) {
    c.error = err;
  }
  return c;
}

function notOkState(outputs: ToolOutput[]): string | null {
  for (const o of outputs) {
    const state = (o.output as { state?: unknown } | null)?.state;
    if (typeof state === 'string' && state !== 'ok') return state;
  }
  return null;
}

function requestedHandoff(req: RequestHumanInput, outputs: ToolOutput[]): HandoffRequest {
  const state = notOkState(outputs);
  if (state) return { ...stateHandoff(state), summary: req.summary };
  const reason = req.reason === 'customer_request' ? 'customer_request' : 'unanswerable';
  return { reason, tag: req.tag, summary: req.summary };
}

export async function runTurn(agent: SupportAgent, opts: TurnOptions): Promise<TurnResult> {
  const c = await collect(agent, opts);
  const tag = topicTag(detectIntent(opts.question));
  const handoff = (h: Omit<HandoffRequest, 'summary'> & { summary?: string }, extra = {}): TurnResult => ({
    kind: 'handoff',
    handoff: { summary: '', ...h },
    ...extra,
  });
  if (c.error !== undefined) return handoff({ reason: 'model_error', tag }, { error: c.error });
  if (c.toolError) return handoff({ reason: 'tool_error', tag });
  if (c.requested) return { kind: 'handoff', handoff: requestedHandoff(c.requested, c.outputs) };
  const state = notOkState(c.outputs);
  // The model must hand off on a non-ok state; if it answered anyway, its answer is not used.
  if (state) return handoff(stateHandoff(state));
  const text = c.text.trim();
  const verdict = verifyAnswer(text, collectEvidence(c.outputs), opts);
  // Read-only tools: an answer saying the assistant changed the account is false by construction.
  if (!verdict.ok || echoesInstructions(text) || claimsAccountChange(text)) {
    return opts.anonymous
      ? { kind: 'signIn' }
      : handoff({ reason: 'guard_block', tag }, { blocked: verdict.ok ? [] : verdict.unsupported });
  }
  if (!text) return handoff({ reason: 'model_error', tag });
  const unanswered = c.outputs.length === 0 && detectIntent(opts.question) === null;
  return { kind: 'answer', text, unanswered, outputs: c.outputs };
}
