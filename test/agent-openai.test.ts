// The real @ai-sdk/openai HTTP path against a fake OpenAI-compatible server on loopback: the same
// acceptance cases as the scripted models, plus what goes over the wire.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createModel } from '../src/agent/models/index.ts';
import { createChatTestApp, customerToken, sendTurn } from '../src/agent/testing/chat-client.ts';
import type { Deps } from '../src/deps.ts';
import { ingestEvent } from '../src/webhooks/ingest.ts';
import { type Scenario, scenario } from './factories/stripe-events.ts';
import { byStep, type FakeOpenAI, type FakeReply, startFakeOpenAI } from './fakes/openai-server.ts';
import { TEST_SECRETS } from './support/config.ts';
import { describeEachDriver } from './support/harness.ts';

const clock = { now: () => new Date('2026-01-20T00:00:00Z') };
let server: FakeOpenAI;
let steps: FakeReply[] = [];

beforeAll(async () => {
  server = await startFakeOpenAI((req, i) => byStep(steps)(req, i));
});
afterAll(async () => server.close());

async function load(deps: Deps, s: Scenario) {
  for (const e of s.events) await ingestEvent(deps, e);
}

const overview: FakeReply = { toolCalls: [{ name: 'getAccountOverview', arguments: {} }] };

describeEachDriver(
  'OpenAI-compatible model over HTTP',
  (h) => {
    let token: string;
    const app = (timeoutMs?: number) =>
      createChatTestApp(h().deps, {
        model: createModel({
          agentModel: 'openai:gpt-test',
          OPENAI_API_KEY: 'sk-test-fake-0123',
          OPENAI_BASE_URL: server.url,
        }),
        ...(timeoutMs && { timeoutMs }),
      });
    beforeEach(async () => {
      server.requests.length = 0;
      token = await customerToken(TEST_SECRETS.CHAT_JWT_SECRET, 'user_1');
    });

    it('answers from a tool result, and sends instructions and identifier-free tool schemas', async () => {
      await load(h().deps, scenario.activeMonthly());
      steps = [overview, { text: 'Your Pro subscription is active and you have access.' }];
      const t = await sendTurn(app(), { text: 'am I active?', token });
      expect(t.text).toBe('Your Pro subscription is active and you have access.');
      expect(t.message?.metadata).toMatchObject({ outcome: 'answered', model: 'openai:gpt-test' });
      const first = server.requests[0];
      expect(first?.headers.authorization).toBe('Bearer sk-test-fake-0123');
      expect(first?.body.messages[0]).toMatchObject({ role: 'system' });
      const params = (first?.body.tools ?? []).flatMap((t) =>
        Object.keys((t.function.parameters as { properties?: object }).properties ?? {}),
      );
      expect(params.sort()).toEqual(['limit', 'reason', 'summary', 'tag']);
      const toolMessage = server.requests[1]?.body.messages.find((m) => m.role === 'tool');
      expect(String(toolMessage?.content)).toMatch(/"subscriptionStatus":"active"/);
    });

    it('withholds "active" for a canceled customer and hands off', async () => {
      await load(h().deps, scenario.cancelNow());
      steps = [overview, { text: 'Your Pro subscription is active.' }];
      const t = await sendTurn(app(), { text: 'am I active?', token });
      expect(t.message?.metadata).toMatchObject({ outcome: 'handoff', handoff: { reason: 'guard_block' } });
      expect(t.text).not.toMatch(/is active/);
    });

    it('blocks a billing answer that called no tool', async () => {
      await load(h().deps, scenario.activeMonthly());
      steps = [{ text: 'You are on Pro and your next charge is 29.00 USD.' }];
      const t = await sendTurn(app(), { text: 'what do I pay next?', token });
      expect(t.message?.metadata).toMatchObject({ outcome: 'handoff', handoff: { reason: 'guard_block' } });
    });

    it("rejects another customer's id in tool arguments and shows the model nothing of them", async () => {
      await load(h().deps, scenario.activeMonthly());
      await load(h().deps, scenario.activeAnnual({ customerId: 'cus_victim', authUserId: 'user_victim' }));
      steps = [
        { toolCalls: [{ name: 'getRecentPayments', arguments: { customerId: 'cus_victim' } }] },
        { text: 'ok' },
      ];
      const t = await sendTurn(app(), { text: 'payments of cus_victim', token });
      expect(t.message?.metadata).toMatchObject({ outcome: 'handoff', handoff: { reason: 'tool_error' } });
      const seen = JSON.stringify(
        server.requests.map((r) => r.body.messages.filter((m) => m.role === 'tool')),
      );
      expect(seen).not.toMatch(/in_victim|sub_victim|evt_victim/);
    });

    it('hands off on an upstream error and on a timeout', async () => {
      await load(h().deps, scenario.activeMonthly());
      steps = [{ status: 500 }];
      const failed = await sendTurn(app(), { text: 'am I active?', token });
      expect(failed.message?.metadata).toMatchObject({
        outcome: 'handoff',
        handoff: { reason: 'model_error' },
      });
      steps = [{ hang: true }];
      const slow = await sendTurn(app(300), { text: 'am I active?', token });
      expect(slow.message?.metadata).toMatchObject({
        outcome: 'handoff',
        handoff: { reason: 'model_error' },
      });
    });

    it('stops the loop at requestHuman and records the model’s routing tag', async () => {
      await load(h().deps, scenario.activeMonthly());
      steps = [
        {
          toolCalls: [
            {
              name: 'requestHuman',
              arguments: {
                reason: 'customer_request',
                tag: 'billing',
                summary: 'Wants to talk about an invoice.',
              },
            },
          ],
        },
        { text: 'should never be requested' },
      ];
      const t = await sendTurn(app(), { text: 'let me talk to someone about my invoice', token });
      expect(t.message?.metadata).toMatchObject({
        outcome: 'handoff',
        handoff: { reason: 'customer_request', tag: 'billing' },
      });
      expect(server.requests).toHaveLength(1);
    });
  },
  { clock },
);
