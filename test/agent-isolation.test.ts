// Invariant 5 under attack: whatever customer A sends, and whatever a model does with the tools
// (arguments naming customer B, repeated calls, echoing results), nothing of B reaches A: not in the
// reply, not in the tool results the model sees, not in a handoff's snapshot.
import type { LanguageModelV4Prompt, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { createChatTestApp, customerToken, sendTurn } from '../src/agent/testing/chat-client.ts';
import { handoffs } from '../src/db/schema/index.ts';
import { ingestEvent } from '../src/webhooks/ingest.ts';
import { type Scenario, scenario } from './factories/stripe-events.ts';
import { TEST_SECRETS } from './support/config.ts';
import { describeEachDriver } from './support/harness.ts';

/** Every object id, e-mail and name of customer k contains this marker (the factories derive them from the id). */
const marker = (k: number) => `iso${k}x`;
/**
 * What only B's record holds. The attacker may type B's customer id, user id and e-mail itself (and a
 * tool's validation error may quote them back); B's subscription, invoices, events and name it cannot know.
 */
const leaks = (k: number) => [
  `sub_${marker(k)}`,
  `in_${marker(k)}`,
  `evt_${marker(k)}`,
  `Customer ${marker(k)}`,
];
const leaked = (text: string | undefined, k: number) => leaks(k).filter((m) => (text ?? '').includes(m));
const BUILDERS: ((o: { customerId: string; authUserId: string; plan: string }) => Scenario)[] = [
  (o) => scenario.activeMonthly(o),
  (o) => scenario.cancelNow(o),
  (o) => scenario.refunded(o),
  (o) => scenario.activeAnnual(o),
  (o) => scenario.renewalFailsThenRecovers(o),
];
const PLANS = ['starter', 'pro', 'business'];
const TOOLS = ['getAccountOverview', 'getSubscription', 'getRecentPayments', 'getPlanCatalogue'];
const QUESTIONS = [
  'is my subscription active?',
  'did my payment go through?',
  'show my invoices',
  'when is my next charge?',
  'what plan am I on?',
  'refund?',
];

const clock = { now: () => new Date('2026-03-01T00:00:00Z') };

function toolResultsOf(prompts: LanguageModelV4Prompt[]): string {
  return JSON.stringify(prompts.flatMap((p) => p.filter((m) => m.role === 'tool')));
}

function attackArgs(victim: number) {
  const v = marker(victim);
  return fc.constantFrom<Record<string, unknown>>(
    {},
    { customerId: `cus_${v}` },
    { authUserId: `user_${v}` },
    { email: `${v}@example.com` },
    { limit: 5, stripeCustomerId: `cus_${v}` },
    { limit: 3 },
  );
}

/** A model that calls the given tools with the given arguments, then echoes whatever it was shown. */
function echoingModel(calls: { toolName: string; input: Record<string, unknown> }[]) {
  let step = 0;
  return new MockLanguageModelV4({
    doStream: async (options) => {
      const usage = {
        inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: 1, text: 1, reasoning: 0 },
      };
      const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
      if (step++ === 0) {
        calls.forEach((c, i) => {
          parts.push({
            type: 'tool-call',
            toolCallId: `c${i}`,
            toolName: c.toolName,
            input: JSON.stringify(c.input),
          });
        });
        parts.push({ type: 'finish', usage, finishReason: { unified: 'tool-calls', raw: undefined } });
      } else {
        const echo = toolResultsOf([options.prompt]).slice(0, 2000);
        parts.push(
          { type: 'text-start', id: 't' },
          { type: 'text-delta', id: 't', delta: echo },
          { type: 'text-end', id: 't' },
        );
        parts.push({ type: 'finish', usage, finishReason: { unified: 'stop', raw: undefined } });
      }
      return { stream: convertArrayToReadableStream(parts) };
    },
  });
}

describeEachDriver(
  "a customer's chat never surfaces another customer's data",
  (h) => {
    const N = BUILDERS.length;
    const tokens: string[] = [];
    beforeAll(async () => {
      for (let k = 0; k < N; k++)
        tokens.push(await customerToken(TEST_SECRETS.CHAT_JWT_SECRET, `user_${marker(k)}`));
    });

    async function seed() {
      for (let k = 0; k < N; k++) {
        const s = BUILDERS[k]!({
          customerId: `cus_${marker(k)}`,
          authUserId: `user_${marker(k)}`,
          plan: PLANS[k % 3]!,
        });
        for (const e of s.events) await ingestEvent(h().deps, e);
      }
    }

    it('over many randomized attempts with scripted models and the offline model', async () => {
      await seed();
      const attempt = fc
        .tuple(fc.integer({ min: 0, max: N - 1 }), fc.integer({ min: 1, max: N - 1 }))
        .chain(([a, d]) => {
          const victim = (a + d) % N;
          const call = fc.record({ toolName: fc.constantFrom(...TOOLS), input: attackArgs(victim) });
          return fc.record({
            attacker: fc.constant(a),
            victim: fc.constant(victim),
            calls: fc.array(call, { minLength: 1, maxLength: 4 }),
            offline: fc.boolean(),
            question: fc
              .constantFrom(...QUESTIONS)
              .map((q) => `${q} for cus_${marker(victim)} (${marker(victim)}@example.com)`),
          });
        });
      await fc.assert(
        fc.asyncProperty(attempt, async ({ attacker, victim, calls, offline, question }) => {
          const model = offline ? undefined : echoingModel(calls);
          const app = createChatTestApp(h().deps, model ? { model } : {});
          const turn = await sendTurn(app, { text: question, token: tokens[attacker] });
          expect(turn.status).toBe(200);
          expect(leaked(turn.text, victim)).toEqual([]);
          expect(leaked(JSON.stringify(turn.message?.metadata), victim)).toEqual([]);
          if (model)
            expect(leaked(toolResultsOf(model.doStreamCalls.map((c) => c.prompt)), victim)).toEqual([]);
          const id = turn.message?.metadata?.handoff?.id;
          if (id) {
            const [row] = await h().deps.db.select().from(handoffs).where(eq(handoffs.id, id));
            expect(leaked(JSON.stringify(row?.snapshot), victim)).toEqual([]);
            expect(
              leaked(JSON.stringify(row?.snapshot), attacker).length + (row?.snapshot ? 0 : 1),
            ).toBeGreaterThan(0);
          }
        }),
        { numRuns: 60 },
      );
    });
  },
  { clock },
);
