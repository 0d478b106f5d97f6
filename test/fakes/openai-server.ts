// A local OpenAI-compatible server on loopback speaking the Chat Completions wire format that
// @ai-sdk/openai's chat model uses (JSON, and SSE chunks when `stream: true`), so tests run the real
// provider's HTTP path. Replies are scripted per request.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ChatCompletionsRequest = {
  model: string;
  stream?: boolean;
  messages: { role: string; content?: unknown; tool_calls?: unknown; tool_call_id?: string }[];
  tools?: { type: 'function'; function: { name: string; description?: string; parameters: unknown } }[];
  [key: string]: unknown;
};

export type FakeReply =
  | { text: string }
  | { toolCalls: { name: string; arguments: Record<string, unknown> }[] }
  | { status: number; error?: string }
  | { hang: true };

export type Responder = (req: ChatCompletionsRequest, index: number) => FakeReply;

export type FakeOpenAI = {
  url: string;
  requests: { body: ChatCompletionsRequest; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
};

const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function chunk(
  delta: Record<string, unknown>,
  finish: string | null,
  extra: Record<string, unknown> = {},
): string {
  const body = {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_767_607_200,
    model: 'fake',
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

function toolCallsOf(reply: Extract<FakeReply, { toolCalls: unknown }>) {
  return reply.toolCalls.map((c, i) => ({
    index: i,
    id: `call_${i}`,
    type: 'function' as const,
    function: { name: c.name, arguments: JSON.stringify(c.arguments) },
  }));
}

function sse(reply: Extract<FakeReply, { text: string } | { toolCalls: unknown }>): string {
  let out = chunk({ role: 'assistant', content: '' }, null);
  if ('text' in reply) {
    for (const piece of reply.text.match(/.{1,12}/gs) ?? []) out += chunk({ content: piece }, null);
    out += chunk({}, 'stop');
  } else {
    out += chunk({ tool_calls: toolCallsOf(reply) }, null);
    out += chunk({}, 'tool_calls');
  }
  return `${out}${chunk({}, null, { choices: [], usage })}data: [DONE]\n\n`;
}

function json(reply: Extract<FakeReply, { text: string } | { toolCalls: unknown }>): string {
  const message =
    'text' in reply
      ? { role: 'assistant', content: reply.text }
      : { role: 'assistant', content: null, tool_calls: toolCallsOf(reply).map(({ index: _, ...c }) => c) };
  const finish = 'text' in reply ? 'stop' : 'tool_calls';
  return JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_767_607_200,
    model: 'fake',
    choices: [{ index: 0, message, finish_reason: finish }],
    usage,
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeOpenAI(responder: Responder): Promise<FakeOpenAI> {
  const requests: FakeOpenAI['requests'] = [];
  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(await readBody(req)) as ChatCompletionsRequest;
    requests.push({ body, headers: req.headers });
    const reply = responder(body, requests.length - 1);
    if ('hang' in reply) return; // never answers; the client's timeout must fire
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: reply.error ?? 'fake failure', type: 'server_error' } }));
      return;
    }
    if (body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end(sse(reply));
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(json(reply));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The scripted reply for the n-th model call of a turn: counts assistant tool-call rounds already in the prompt. */
export function byStep(steps: FakeReply[]): Responder {
  return (req) => {
    const round = req.messages.filter((m) => m.role === 'tool').length > 0 ? 1 : 0;
    return steps[Math.min(round, steps.length - 1)] ?? { text: '' };
  };
}
