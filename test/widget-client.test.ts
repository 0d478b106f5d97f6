// The widget's chat client (src/widget/client/chat-client.ts) against the same protocol from a fake
// route and from the real POST /v1/chat: what it sends, and how every way a turn can end is reported.
import { describe, expect, it } from 'vitest';
import { createChatTestApp, customerToken } from '../src/agent/testing/chat-client.ts';
import { sendTurn, type TurnRequest } from '../src/widget/client/chat-client.ts';
import { createBrowserApp } from './browser/app.ts';
import { type FakeCall, fakeChatRoutes } from './browser/fake-chat.ts';
import { TEST_SECRETS } from './support/config.ts';
import { describeEachDriver } from './support/harness.ts';

const calls: FakeCall[] = [];
const fake = fakeChatRoutes(calls);
const viaFake = ((input: RequestInfo | URL, init?: RequestInit) =>
  fake.request(String(input), init)) as typeof fetch;

function turn(scenario: string, over: Partial<TurnRequest> = {}) {
  const progress: string[] = [];
  const deltas: string[] = [];
  const result = sendTurn(
    {
      api: `http://widget.test/fake/chat/${scenario}`,
      token: 'tok_1',
      conversationId: undefined,
      messageId: 'u_1',
      text: 'Is my subscription active?',
      fetch: viaFake,
      ...over,
    },
    { onProgress: (p) => progress.push(`${p.tool}:${p.status}`), onText: (d) => deltas.push(d) },
  );
  return { result, progress, deltas };
}

describe('widget chat client', () => {
  it('sends only the new message with the bearer token, and the conversation id once known', async () => {
    calls.length = 0;
    await turn('answer').result;
    await turn('answer', { conversationId: 'conv_fake_1', token: null }).result;
    expect(calls[0]?.authorization).toBe('Bearer tok_1');
    expect(calls[0]?.body).toEqual({
      message: { id: 'u_1', role: 'user', parts: [{ type: 'text', text: 'Is my subscription active?' }] },
    });
    expect(calls[1]?.authorization).toBeUndefined();
    expect(calls[1]?.body).toMatchObject({ id: 'conv_fake_1' });
  });

  it('reports progress, streams the text and ends with the metadata', async () => {
    const t = turn('answer');
    const r = await t.result;
    expect(t.progress).toEqual(['getAccountOverview:running', 'getAccountOverview:done']);
    expect(t.deltas.join('')).toBe('Your Pro subscription is active. You have access.');
    expect(r).toEqual({
      kind: 'done',
      text: 'Your Pro subscription is active. You have access.',
      meta: { outcome: 'answered', handoff: undefined, conversationId: 'conv_fake_1', model: 'fake' },
    });
  });

  it('carries the handoff reference from the metadata', async () => {
    const r = await turn('handoff').result;
    expect(r.kind === 'done' && r.meta).toMatchObject({
      outcome: 'handoff',
      handoff: { id: 'ho_fake123', reason: 'injection', tag: 'human_review' },
    });
  });

  it.each([
    ['rate', { kind: 'rate_limited', retryAfterS: 7, detail: 'Too many requests; retry in 7 s.' }],
    ['auth', { kind: 'unauthorized', detail: 'The customer token is invalid or expired.' }],
    ['too-long', { kind: 'rejected', status: 413, detail: 'Messages are limited to 4000 characters.' }],
    ['server-error', { kind: 'failed', detail: undefined, started: false }],
    ['error-chunk', { kind: 'failed', detail: 'Something went wrong; please try again.', started: true }],
    ['cut', { kind: 'failed', detail: undefined, started: true }],
  ])('maps the %s response to what the widget must say', async (scenario, expected) => {
    expect(await turn(scenario).result).toEqual(expected);
  });

  it('reports a network failure as not delivered, and an abort as aborted', async () => {
    const down = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    expect(await turn('answer', { fetch: down }).result).toEqual({
      kind: 'failed',
      detail: undefined,
      started: false,
    });
    const abort = new AbortController();
    abort.abort();
    const aborting = ((_: unknown, init?: RequestInit) =>
      init?.signal?.aborted
        ? Promise.reject(new DOMException('aborted', 'AbortError'))
        : viaFake('x')) as typeof fetch;
    expect(await turn('answer', { fetch: aborting, signal: abort.signal }).result).toEqual({
      kind: 'aborted',
    });
  });
});

describeEachDriver('widget chat client against POST /v1/chat', (h) => {
  it('gets a grounded answer and keeps one conversation across turns', async () => {
    const app = createBrowserApp(h().deps);
    const created = await app.request('/demo/api/customers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'active' }),
    });
    const { token } = (await created.json()) as { token: string };
    const chat = createChatTestApp(h().deps);
    const viaApp = ((input: RequestInfo | URL, init?: RequestInit) =>
      chat.request(String(input), init)) as typeof fetch;
    const ask = (text: string, conversationId?: string) => {
      const progress: string[] = [];
      const result = sendTurn(
        {
          api: 'http://ledgerdesk.test/v1/chat',
          token,
          conversationId,
          messageId: `u_${text.length}`,
          text,
          fetch: viaApp,
        },
        { onProgress: (p) => progress.push(p.status), onText: () => {} },
      );
      return { result, progress };
    };
    const first = ask('Is my subscription active?');
    const r1 = await first.result;
    expect(r1.kind === 'done' && r1.text).toMatch(/^Your Pro subscription \(monthly\) is active\./);
    expect(first.progress).toContain('running');
    const conversationId = r1.kind === 'done' ? r1.meta.conversationId : undefined;
    expect(conversationId).toMatch(/^conv_/);
    const r2 = await ask('when is my next charge?', conversationId).result;
    expect(r2.kind === 'done' && r2.meta.conversationId).toBe(conversationId);
  });

  it('is told 401 for a token signed with another secret', async () => {
    const chat = createChatTestApp(h().deps);
    const forged = await customerToken(`${TEST_SECRETS.CHAT_JWT_SECRET}-not`, 'demo_user_x');
    const r = await sendTurn(
      {
        api: 'http://ledgerdesk.test/v1/chat',
        token: forged,
        conversationId: undefined,
        messageId: 'u_1',
        text: 'hi',
        fetch: ((i: RequestInfo | URL, init?: RequestInit) => chat.request(String(i), init)) as typeof fetch,
      },
      { onProgress: () => {}, onText: () => {} },
    );
    expect(r.kind).toBe('unauthorized');
  });
});
