// What the run would cost with a real model: every model call the agent makes is also rendered into
// the exact Chat Completions request @ai-sdk/openai would send (instructions, tool schemas, history,
// tool results) and counted with the o200k tokenizer (GPT-4o / 4.1 family), as bench:chat does for
// one turn. The offline model makes the same calls a real model would, so the counts are per case.
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { type LanguageModel, wrapLanguageModel } from 'ai';
import { countChatCompletionTokens, encode } from 'gpt-tokenizer/model/gpt-4o';

type WireMessage = {
  role: string;
  content?: unknown;
  tool_calls?: { function: { name: string; arguments: string } }[];
};
type WireRequest = { messages: WireMessage[]; tools?: { function: unknown }[] };
type Fn = NonNullable<Parameters<NonNullable<typeof countChatCompletionTokens>>[0]['functions']>[number];
type Msg = Parameters<NonNullable<typeof countChatCompletionTokens>>[0]['messages'][number];

export type TokenTally = { calls: number; input: number; output: number; turns: number };

/** OpenAI's accounting of a request: messages, plus tools in its function format. */
export function requestTokens(req: WireRequest): number {
  const messages: Msg[] = req.messages.map((m) => {
    const call = m.tool_calls?.[0];
    const content = typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '');
    return call
      ? ({ role: m.role, content: '', function_call: call.function } as Msg)
      : ({ role: m.role, content } as Msg);
  });
  const functions = (req.tools ?? []).map((t) => t.function as Fn);
  return countChatCompletionTokens!({ messages, functions });
}

/** Renders a call's options into the wire request without sending it anywhere. */
async function wireRequest(params: LanguageModelV4CallOptions, modelId: string): Promise<WireRequest | null> {
  let captured: WireRequest | null = null;
  const openai = createOpenAI({
    apiKey: 'sk-eval-token-count',
    fetch: (async (_url: unknown, init?: RequestInit) => {
      captured = JSON.parse(String(init?.body)) as WireRequest;
      throw new Error('captured');
    }) as typeof fetch,
  });
  try {
    await openai.chat(modelId).doGenerate({ ...params, abortSignal: undefined });
  } catch {
    // The request was captured; there is no server to answer it.
  }
  return captured;
}

/** Wraps the agent's model: calls go through unchanged, and each one's prompt is counted. */
export function countingModel(model: LanguageModel, modelId: string, tally: TokenTally): LanguageModel {
  if (typeof model === 'string') return model;
  return wrapLanguageModel({
    model: model as Parameters<typeof wrapLanguageModel>[0]['model'],
    middleware: {
      specificationVersion: 'v4',
      wrapStream: async ({ doStream, params }) => {
        const req = await wireRequest(params, modelId);
        if (req) {
          tally.calls += 1;
          tally.input += requestTokens(req);
        }
        return doStream();
      },
      wrapGenerate: async ({ doGenerate, params }) => {
        const req = await wireRequest(params, modelId);
        if (req) {
          tally.calls += 1;
          tally.input += requestTokens(req);
        }
        return doGenerate();
      },
    },
  }) as LanguageModel;
}

/** Output tokens of the answers the customer saw (tool-call arguments are empty objects: ~0). */
export function answerTokens(text: string): number {
  return encode(text).length;
}
