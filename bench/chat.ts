// npm run bench:chat — what the chat costs besides the model.
//   1. Server overhead per turn with the offline model (so model time is ~0): auth, conversation and
//      record reads, tools, grounding guard, the turn's transaction, and the UI message stream, in
//      process on embedded PGlite. Target p95 <= 30 ms.
//   2. Input tokens a real model is sent for a simple billing turn (instructions, tool schemas,
//      question, tool result), captured from the wire by a fake OpenAI-compatible server and counted
//      with the o200k tokenizer (GPT-4o / 4.1 family). Target <= 1,200.
import os from 'node:os';
import { countChatCompletionTokens } from 'gpt-tokenizer/model/gpt-4o';
import { createModel } from '../src/agent/models/index.ts';
import { createChatTestApp, customerToken, readChunks } from '../src/agent/testing/chat-client.ts';
import { createDb } from '../src/db/client.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { createDeps, type Deps } from '../src/deps.ts';
import { ingestEvent } from '../src/webhooks/ingest.ts';
import { scenario } from '../test/factories/stripe-events.ts';
import { byStep, type ChatCompletionsRequest, startFakeOpenAI } from '../test/fakes/openai-server.ts';
import { TEST_SECRETS, testConfig } from '../test/support/config.ts';
import { percentile } from './support.ts';

const TURNS = Number(process.env.BENCH_TURNS ?? 400);
const QUESTIONS = [
  'Is my subscription active?',
  'did my payment go through?',
  'when is my next charge?',
  'what plan am I on?',
];

async function setup(): Promise<Deps> {
  const config = testConfig({ LOG_LEVEL: 'silent' });
  const dbHandle = await createDb({ driver: 'pglite', dataDir: 'memory' });
  await migrateDb(dbHandle);
  const s = scenario.activeMonthly();
  const deps = await createDeps(config, { dbHandle, clock: { now: () => new Date((s.end + 60) * 1000) } });
  for (const e of s.events) await ingestEvent(deps, e);
  return deps;
}

async function turn(
  app: ReturnType<typeof createChatTestApp>,
  token: string,
  text: string,
  conversationId?: string,
) {
  const res = await app.request('/v1/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ conversationId, message: { role: 'user', parts: [{ type: 'text', text }] } }),
  });
  return readChunks(res);
}

async function overhead(deps: Deps): Promise<void> {
  const app = createChatTestApp(deps);
  const token = await customerToken(TEST_SECRETS.CHAT_JWT_SECRET, 'user_1');
  for (let i = 0; i < 30; i++) await turn(app, token, QUESTIONS[i % 4]!); // warm-up (JIT, PGlite caches)
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < TURNS; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    // A new conversation every 10 turns keeps history (and its load) at a realistic length.
    await turn(app, token, QUESTIONS[i % 4]!, `bench-${Math.floor(i / 10)}`);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    ms.push(performance.now() - t0);
  }
  const f = (n: number) => n.toFixed(1);
  const line = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `p50 ${f(percentile(s, 50))} ms   p95 ${f(percentile(s, 95))} ms   p99 ${f(percentile(s, 99))} ms`;
  };
  console.log(`server overhead per turn, offline model, PGlite in process, ${TURNS} sequential turns:`);
  console.log(`  wall  ${line(ms)}   (target p95 <= 30 ms)`);
  // CPU time is what a turn itself costs; wall time also counts whatever else the machine is doing.
  const load = `load average ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} cpus`;
  console.log(`  cpu   ${line(cpu)}   (${load})`);
}

type Fn = NonNullable<Parameters<NonNullable<typeof countChatCompletionTokens>>[0]['functions']>[number];
type Msg = Parameters<NonNullable<typeof countChatCompletionTokens>>[0]['messages'][number];

/** OpenAI's own accounting of a Chat Completions request: messages, plus tools in its function format. */
function promptTokens(req: ChatCompletionsRequest): { total: number; withoutTools: number } {
  const messages: Msg[] = req.messages.map((m) => {
    const calls = m.tool_calls as { function: { name: string; arguments: string } }[] | undefined;
    const content = typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '');
    return calls?.[0]
      ? { role: m.role, content: '', function_call: calls[0].function }
      : { role: m.role, content };
  });
  const functions = (req.tools ?? []).map((t) => t.function as Fn);
  const count = countChatCompletionTokens!;
  return { total: count({ messages, functions }), withoutTools: count({ messages }) };
}

async function tokens(deps: Deps): Promise<void> {
  const server = await startFakeOpenAI(
    byStep([
      { toolCalls: [{ name: 'getAccountOverview', arguments: {} }] },
      { text: 'Your Pro subscription is active.' },
    ]),
  );
  try {
    const model = createModel({
      agentModel: 'openai:gpt-4.1-mini',
      OPENAI_API_KEY: 'sk-bench-0123',
      OPENAI_BASE_URL: server.url,
    });
    const app = createChatTestApp(deps, { model });
    await turn(
      app,
      await customerToken(TEST_SECRETS.CHAT_JWT_SECRET, 'user_1'),
      'Is my subscription active?',
    );
    console.log('input tokens for a simple billing turn (o200k, OpenAI function-format accounting):');
    let total = 0;
    server.requests.forEach((r, i) => {
      const t = promptTokens(r.body);
      total += t.total;
      console.log(`  model call ${i + 1}: ${t.total} (${t.withoutTools} without the tool definitions)`);
    });
    console.log(`  turn total: ${total} (target <= 1,200)`);
  } finally {
    await server.close();
  }
}

const deps = await setup();
await overhead(deps);
await tokens(deps);
await deps.dbHandle.close();
