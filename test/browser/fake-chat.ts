// A stand-in for POST /v1/chat that speaks the same UI message stream protocol (produced by the `ai`
// package itself), for the widget states the real route cannot be steered into on demand: slow tool
// progress, rate limits, server errors, a dropped connection, HTML in the answer.
import { createUIMessageStream, createUIMessageStreamResponse } from 'ai';
import { Hono } from 'hono';
import type { AppEnv } from '../../src/app-env.ts';

export type FakeCall = { scenario: string; body: unknown; authorization: string | undefined };

const problem = (status: number, code: string, detail: string, headers: Record<string, string> = {}) =>
  new Response(
    JSON.stringify({ type: 'about:blank', title: code, status, detail, code, requestId: 'req_fake' }),
    {
      status,
      headers: { 'content-type': 'application/problem+json', ...headers },
    },
  );

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function answer(
  text: string[],
  metadata: Record<string, unknown>,
  opts: { progressMs?: number; tool?: string } = {},
): Response {
  const stream = createUIMessageStream({
    execute: async ({ writer }) => {
      writer.write({ type: 'start', messageId: 'msg_fake' });
      if (opts.tool) {
        writer.write({ type: 'data-progress', id: 'call_1', data: { tool: opts.tool, status: 'running' } });
        await sleep(opts.progressMs ?? 0);
        writer.write({ type: 'data-progress', id: 'call_1', data: { tool: opts.tool, status: 'done' } });
      }
      writer.write({ type: 'text-start', id: 'txt_1' });
      for (const delta of text) writer.write({ type: 'text-delta', id: 'txt_1', delta });
      writer.write({ type: 'text-end', id: 'txt_1' });
      writer.write({ type: 'finish', finishReason: 'stop', messageMetadata: metadata });
    },
  });
  return createUIMessageStreamResponse({ stream });
}

const answered = { outcome: 'answered', model: 'fake', conversationId: 'conv_fake_1' };

export function fakeChatRoutes(calls: FakeCall[] = []) {
  const app = new Hono<AppEnv>();
  app.post('/fake/chat/:scenario', async (c) => {
    const scenario = c.req.param('scenario');
    const authorization = c.req.header('authorization');
    calls.push({ scenario, body: await c.req.json(), authorization });
    switch (scenario) {
      case 'answer':
        return answer(['Your Pro subscription is active. ', 'You have access.'], answered, {
          tool: 'getAccountOverview',
        });
      case 'slow':
        return answer(['Your last payment succeeded.'], answered, {
          tool: 'getRecentPayments',
          progressMs: Number(c.req.query('ms') ?? 1500),
        });
      case 'handoff':
        return answer(['A person will follow up. Your reference is ho_fake123.'], {
          outcome: 'handoff',
          handoff: { id: 'ho_fake123', reason: 'injection', tag: 'human_review' },
          model: 'none',
          conversationId: 'conv_fake_2',
        });
      case 'html':
        return answer(['<img src=x onerror="window.__pwned=1"><b>bold</b> & <script>x()</script>'], answered);
      case 'rate':
        return problem(429, 'RATE_LIMITED', 'Too many requests; retry in 7 s.', { 'retry-after': '7' });
      case 'auth':
        if (authorization === 'Bearer fresh-token') return answer(['Signed in again.'], answered);
        return problem(401, 'UNAUTHORIZED', 'The customer token is invalid or expired.');
      case 'too-long':
        return problem(413, 'PAYLOAD_TOO_LARGE', 'Messages are limited to 4000 characters.');
      case 'turn-limit':
        return problem(
          409,
          'CONFLICT',
          'This conversation has reached its limit of 50 turns; start a new one.',
        );
      case 'server-error':
        return problem(500, 'INTERNAL', 'Internal error; please retry.');
      case 'error-chunk':
        return createUIMessageStreamResponse({
          stream: createUIMessageStream({
            execute: ({ writer }) => {
              writer.write({ type: 'start', messageId: 'msg_fake' });
              throw new Error('boom');
            },
            onError: () => 'Something went wrong; please try again.',
          }),
        });
      case 'cut':
        // A connection that drops after the first words: no finish chunk, no [DONE].
        return new Response('data: {"type":"start"}\n\ndata: {"type":"text-start","id":"t"}\n\n', {
          headers: { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' },
        });
      default:
        return problem(404, 'NOT_FOUND', 'No such fake scenario.');
    }
  });
  return app;
}
