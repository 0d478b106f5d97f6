// A chat client for tests and the bench: the agent routes on a bare Hono app with the app's error
// renderer, tokens signed like a host app would, and streams read with the `ai` package's own reader.
import { DefaultChatTransport, readUIMessageStream, type UIMessageChunk } from 'ai';
import { Hono } from 'hono';
import { sign } from 'hono/jwt';
import type { AppEnv } from '../../app-env.ts';
import type { Deps } from '../../deps.ts';
import { toProblem } from '../../errors.ts';
import { requestId } from '../../http/request-id.ts';
import type { ChatUIMessage } from '../chat-types.ts';
import { type AgentRouteOptions, agentRoutes } from '../routes.ts';

export function createChatTestApp(deps: Deps, opts: AgentRouteOptions = {}) {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.route('/', agentRoutes(deps, opts));
  app.onError((err, c) => {
    const { problem, headers } = toProblem(err, c.get('requestId') ?? 'unknown');
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    c.header('content-type', 'application/problem+json');
    return c.body(JSON.stringify(problem), problem.status as 400);
  });
  return app;
}
export type ChatTestApp = ReturnType<typeof createChatTestApp>;

export async function customerToken(secret: string, sub: string, expiresInS = 600): Promise<string> {
  return sign({ sub, exp: Math.floor(Date.now() / 1000) + expiresInS }, secret, 'HS256');
}

/** Reads an SSE UI message stream body into chunks (what the transport does inside useChat). */
export async function readChunks(res: Response): Promise<UIMessageChunk[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((e) => e.startsWith('data: ')) // skips keep-alive comments
    .map((e) => e.slice('data: '.length).trim())
    .filter((d) => d && d !== '[DONE]')
    .map((d) => JSON.parse(d) as UIMessageChunk);
}

export async function lastMessage(
  stream: ReadableStream<UIMessageChunk>,
): Promise<ChatUIMessage | undefined> {
  let last: ChatUIMessage | undefined;
  for await (const m of readUIMessageStream<ChatUIMessage>({ stream, terminateOnError: true })) last = m;
  return last;
}

export type Turn = {
  status: number;
  message?: ChatUIMessage;
  text: string;
  problem?: { code: string; detail: string };
};

/** One turn over HTTP with the short body form. */
export async function sendTurn(
  app: ChatTestApp,
  o: { text: string; token?: string; conversationId?: string; headers?: Record<string, string> },
): Promise<Turn> {
  const res = await app.request('/v1/chat', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(o.token && { authorization: `Bearer ${o.token}` }),
      ...o.headers,
    },
    body: JSON.stringify({
      conversationId: o.conversationId,
      message: {
        id: `u_${Math.random().toString(36).slice(2)}`,
        role: 'user',
        parts: [{ type: 'text', text: o.text }],
      },
    }),
  });
  if (res.status !== 200)
    return { status: res.status, text: '', problem: (await res.json()) as Turn['problem'] };
  const chunks = await readChunks(res);
  const message = await lastMessage(
    new ReadableStream({
      start(c) {
        for (const ch of chunks) c.enqueue(ch);
        c.close();
      },
    }),
  );
  const text = (message?.parts ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');
  return { status: 200, message, text };
}

/** The transport useChat uses, pointed at the app instead of the network. */
export function chatTransport(app: ChatTestApp, token?: string) {
  return new DefaultChatTransport<ChatUIMessage>({
    api: 'http://ledgerdesk.test/v1/chat',
    headers: token ? { authorization: `Bearer ${token}` } : undefined,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
}
