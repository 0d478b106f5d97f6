// One chat turn from a checked request to a UI message stream: screen, agent, guard, persistence.
// Text reaches the client only after the outcome is decided and committed; until then only tool
// progress is streamed.
import {
  createUIMessageStream,
  createUIMessageStreamResponse,
  type LanguageModel,
  type ModelMessage,
} from 'ai';
import { eq } from 'drizzle-orm';
import type { Principal } from '../app-env.ts';
import { type Conversation, handoffs, type MessageRow } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { type AccountReader, createAccountReader } from '../tools/account-reader.ts';
import type { HandoffTag } from '../tools/request-human.ts';
import { createAnonymousAgent, createSupportAgent } from './agent.ts';
import type { NewMessage } from './chat-request.ts';
import type { ChatMetadata, ChatUIMessage } from './chat-types.ts';
import { loadHistory, newId, openConversation, textOf } from './conversations.ts';
import { type InjectionScreen, toolFieldScreen } from './guard/screen.ts';
import { buildHandoff } from './handoff/build.ts';
import type { HandoffReason, HandoffRequest } from './handoff/reasons.ts';
import { detectLanguage, type Language } from './models/offline/language.ts';
import { type HandoffRecord, persistTurn } from './persist-turn.ts';
import { REPLIES } from './replies.ts';
import { type Progress, runTurn } from './turn.ts';

export type ChatEnv = {
  deps: Pick<Deps, 'db' | 'config' | 'clock' | 'log' | 'metrics'>;
  model: LanguageModel;
  modelLabel: string;
  screen: InjectionScreen;
  maxTurns: number;
  timeoutMs: number;
  allowedLinkHosts: string[];
};

export type TurnContext = {
  env: ChatEnv;
  principal: Principal;
  conversation: Conversation;
  history: MessageRow[];
  question: string;
  lang: Language;
  account: AccountReader | null;
  now: Date;
};

type Decided = {
  text: string;
  handoff: HandoffRequest | null;
  unanswered: boolean;
  model: string;
  /** The conversation was handed off earlier: the customer is pointed at that handoff again. */
  existing?: ChatMetadata['handoff'];
};

export async function startChatTurn(env: ChatEnv, principal: Principal, msg: NewMessage): Promise<Response> {
  const { db } = env.deps;
  const conversation = await openConversation(db, principal, msg.conversationId);
  if (conversation.turns >= env.maxTurns) {
    throw new AppError(
      'CONFLICT',
      `This conversation has reached its limit of ${env.maxTurns} turns; start a new one.`,
    );
  }
  const now = env.deps.clock.now();
  const ctx: TurnContext = {
    env,
    principal,
    conversation,
    history: await loadHistory(db, conversation.id),
    question: msg.text,
    lang: detectLanguage(msg.text),
    account: principal.kind === 'customer' ? accountReader(env, principal.authUserId, now) : null,
    now,
  };
  const userId = msg.id ?? newId('msg');
  const stream = createUIMessageStream<ChatUIMessage>({
    execute: async ({ writer }) => {
      const assistantId = newId('msg');
      writer.write({ type: 'start', messageId: assistantId });
      const decided = await decideTurn(ctx, (p) =>
        writer.write({ type: 'data-progress', id: p.toolCallId, data: { tool: p.tool, status: p.status } }),
      );
      const { text, metadata } = await commitTurn(ctx, decided, userId, assistantId);
      const textId = newId('txt');
      writer.write({ type: 'text-start', id: textId });
      for (const piece of sentences(text)) writer.write({ type: 'text-delta', id: textId, delta: piece });
      writer.write({ type: 'text-end', id: textId });
      writer.write({ type: 'finish', finishReason: 'stop', messageMetadata: metadata });
    },
    onError: (err) => {
      env.deps.log.error({ err, conversationId: conversation.id }, 'chat turn failed');
      return 'Something went wrong; please try again.';
    },
  });
  // Keep-alives hold the connection open through proxies while a slow model works and no text may flow yet.
  return createUIMessageStreamResponse({
    stream,
    keepAliveMs: 10_000,
    headers: { 'x-conversation-id': conversation.id },
  });
}

function accountReader(env: ChatEnv, authUserId: string, now: Date): AccountReader {
  const { deps } = env;
  return createAccountReader(deps.db, authUserId, {
    now,
    graceDays: deps.config.PAST_DUE_GRACE_DAYS,
    catalogue: deps.config.PLAN_CATALOGUE,
    screen: toolFieldScreen(env.screen, () => deps.metrics.injectionDetections.inc({ where: 'tool_field' })),
  });
}

/** Released a sentence at a time: the whole text is already checked, this only paces the stream. */
export function sentences(text: string): string[] {
  return text.match(/[^.!?\n]+(?:[.!?]+|\n|$)\s*/g) ?? [text];
}

async function decideTurn(ctx: TurnContext, onProgress: (p: Progress) => void): Promise<Decided> {
  const { env, question } = ctx;
  const model = env.modelLabel;
  if (ctx.conversation.status === 'handed_off') {
    const h = await existingHandoff(ctx);
    const existing = h
      ? { id: h.id, reason: h.reason as HandoffReason, tag: h.tag as HandoffTag }
      : undefined;
    return { text: '', handoff: null, unanswered: false, model: 'none', existing };
  }
  const screened = env.screen.detect(question);
  if (screened.verdict === 'block') {
    env.deps.metrics.injectionDetections.inc({ where: 'message' });
    const summary = `Signals: ${screened.signals.slice(0, 5).join(', ') || 'none listed'} (score ${screened.score}).`;
    return {
      text: '',
      handoff: { reason: 'injection', tag: 'human_review', summary },
      unanswered: false,
      model: 'none',
    };
  }
  const agent = ctx.account
    ? createSupportAgent(env.model, env.deps.config.PLAN_CATALOGUE, ctx.account)
    : createAnonymousAgent(env.model, env.deps.config.PLAN_CATALOGUE);
  const result = await runTurn(agent, {
    question,
    messages: toModelMessages(ctx.history, question),
    anonymous: !ctx.account,
    timeoutMs: env.timeoutMs,
    planNames: env.deps.config.PLAN_CATALOGUE.plans.map((p) => p.name),
    allowedLinkHosts: env.allowedLinkHosts,
    onProgress,
  });
  if (result.kind === 'signIn')
    return { text: REPLIES[ctx.lang].signIn, handoff: null, unanswered: false, model };
  if (result.kind === 'handoff') {
    logHandoffCause(ctx, result);
    return { text: '', handoff: result.handoff, unanswered: false, model };
  }
  if (result.unanswered && ctx.conversation.unansweredStreak >= 1) {
    const handoff: HandoffRequest = { reason: 'unanswerable', tag: 'human_review', summary: '' };
    return { text: '', handoff, unanswered: true, model };
  }
  return { text: result.text, handoff: null, unanswered: result.unanswered, model };
}

function logHandoffCause(
  ctx: TurnContext,
  result: Extract<Awaited<ReturnType<typeof runTurn>>, { kind: 'handoff' }>,
) {
  const { log } = ctx.env.deps;
  const blocked = result.blocked?.map((c) => ({ kind: c.kind, text: c.text.slice(0, 80) }));
  const error = result.error === undefined ? undefined : String(result.error).slice(0, 300);
  log.warn(
    { conversationId: ctx.conversation.id, reason: result.handoff.reason, blocked, error },
    'chat turn handed off',
  );
}

export function toModelMessages(history: MessageRow[], question: string): ModelMessage[] {
  const past: ModelMessage[] = history
    .map((m) => ({ role: m.role, text: textOf(m.parts) }))
    .filter((m) => m.text && (m.role === 'user' || m.role === 'assistant'))
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.text }));
  return [...past, { role: 'user', content: question }];
}

export async function existingHandoff(ctx: TurnContext) {
  const id = ctx.conversation.handoffId;
  if (!id) return null;
  const [row] = await ctx.env.deps.db.select().from(handoffs).where(eq(handoffs.id, id));
  return row ?? null;
}

async function commitTurn(
  ctx: TurnContext,
  decided: Decided,
  userId: string,
  assistantId: string,
): Promise<{ text: string; metadata: ChatMetadata }> {
  const { env } = ctx;
  // The record is read again only for the snapshot; a failed read (the reason for a tool_error
  // handoff, say) must not also lose the handoff.
  const record = ctx.account ? await ctx.account.record().catch(() => null) : null;
  let handoff: HandoffRecord | null = null;
  let text = decided.text;
  if (decided.existing) text = REPLIES[ctx.lang].stillHandedOff(decided.existing.id);
  if (decided.handoff) {
    handoff = buildHandoff(ctx, decided.handoff, record);
    text = REPLIES[ctx.lang].handoff(handoff.id);
    handoff.transcript.push({ role: 'assistant', text, at: ctx.now.toISOString() });
  }
  const metadata: ChatMetadata = {
    outcome: handoff || decided.existing ? 'handoff' : 'answered',
    ...(handoff && { handoff: { id: handoff.id, reason: handoff.reason, tag: handoff.tag } }),
    ...(decided.existing && { handoff: decided.existing }),
    model: decided.model,
    conversationId: ctx.conversation.id,
  };
  await persistTurn(env.deps.db, {
    conversation: ctx.conversation,
    user: { id: userId, parts: [{ type: 'text', text: ctx.question }] },
    assistant: { id: assistantId, parts: [{ type: 'text', text }], metadata },
    unanswered: decided.unanswered,
    stripeCustomerId: record?.stripeCustomerId ?? null,
    supportThreadId: record?.supportThreadId ?? null,
    handoff,
    now: ctx.now,
  });
  env.deps.metrics.chatTurns.inc({ outcome: metadata.outcome });
  if (handoff) env.deps.metrics.handoffs.inc({ reason: handoff.reason, tag: handoff.tag });
  return { text, metadata };
}
