// A deterministic language model implemented in this project, so the whole product runs, demos and is
// evaluated without network access. It calls the same tools a real model would and phrases answers
// only from their results. Replies through it are labelled `model: "offline"`.
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { type Decision, decide } from './decide.ts';
import { readTurn } from './prompt.ts';

export const OFFLINE_PROVIDER = 'ledgerdesk';
export const OFFLINE_MODEL_ID = 'offline';

const USAGE: LanguageModelV4Usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

function content(d: Decision, step: number): LanguageModelV4Content[] {
  if (d.type === 'text') return d.text ? [{ type: 'text', text: d.text }] : [];
  return d.calls.map((c, i) => ({
    type: 'tool-call',
    toolCallId: `offline_${step}_${i}`,
    toolName: c.toolName,
    input: JSON.stringify(c.input),
  }));
}

function generate(options: LanguageModelV4CallOptions): LanguageModelV4GenerateResult {
  const step = options.prompt.filter((m) => m.role === 'assistant').length;
  const d = decide(readTurn(options));
  return {
    content: content(d, step),
    finishReason: { unified: d.type === 'tools' ? 'tool-calls' : 'stop', raw: undefined },
    usage: USAGE,
    warnings: [],
  };
}

function toStream(result: LanguageModelV4GenerateResult): ReadableStream<LanguageModelV4StreamPart> {
  const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  result.content.forEach((c, i) => {
    if (c.type === 'text') {
      const id = `text_${i}`;
      parts.push(
        { type: 'text-start', id },
        { type: 'text-delta', id, delta: c.text },
        { type: 'text-end', id },
      );
    } else if (c.type === 'tool-call') parts.push(c);
  });
  parts.push({ type: 'finish', usage: result.usage, finishReason: result.finishReason });
  return new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(p);
      controller.close();
    },
  });
}

export function createOfflineModel(): LanguageModelV4 {
  return {
    specificationVersion: 'v4',
    provider: OFFLINE_PROVIDER,
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},
    doGenerate: async (options) => generate(options),
    doStream: async (options) => ({ stream: toStream(generate(options)) }),
  };
}
