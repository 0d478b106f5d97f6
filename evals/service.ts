// The isolated ledgerdesk an eval run talks to: the real app (every route, the real agent) on a fresh
// in-memory PGlite, listening on a loopback port, with its own throwaway secrets and an injected
// clock. Nothing here writes billing state: customers are created through the webhook and link routes.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { LanguageModel } from 'ai';
import { createModel, modelLabel } from '../src/agent/models/index.ts';
import { createApp } from '../src/app.ts';
import { type Config, parseConfig } from '../src/config.ts';
import { migrateDb } from '../src/db/migrate.ts';
import { type Clock, createDeps, type Deps } from '../src/deps.ts';

/**
 * The instant the eval runs "at". Scenarios are placed relative to it, so dates in answers (next
 * charge, trial end) are the same on every run and the README's figures stay comparable; the clock
 * still moves forward with real time so events sent during the run are newer than the seeded ones.
 */
export const EVAL_EPOCH = Date.UTC(2026, 2, 2, 12, 0, 0);

export function evalClock(epochMs = EVAL_EPOCH): Clock & { seconds(): number } {
  const started = performance.now();
  const now = () => new Date(epochMs + Math.floor(performance.now() - started));
  return { now, seconds: () => Math.floor(now().getTime() / 1000) };
}

export type EvalSecrets = {
  webhookSecret: string;
  hostApiKey: string;
  chatJwtSecret: string;
  staffKey: string;
};

export type EvalService = {
  url: string;
  deps: Deps;
  config: Config;
  clock: ReturnType<typeof evalClock>;
  secrets: EvalSecrets;
  /** What answers are labelled with: `offline`, `openai:<id>`, or a scripted model's provider:id. */
  modelLabel: string;
  stop(): Promise<void>;
};

export type ModelEnv = { AGENT_MODEL?: string; OPENAI_API_KEY?: string; OPENAI_BASE_URL?: string };

function token(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export type EvalServiceOptions = {
  /** A model to use instead of the one AGENT_MODEL names (scripted models in tests). */
  model?: LanguageModel;
  /** Wraps whichever model is used (the eval counts real-model prompt tokens this way). */
  wrapModel?: (model: LanguageModel, config: Config) => LanguageModel;
  modelEnv?: ModelEnv;
  logLevel?: string;
  timeoutMs?: number;
};

export async function startEvalService(opts: EvalServiceOptions = {}): Promise<EvalService> {
  // Fresh secrets per run: nothing from a developer's .data or environment leaks into the eval.
  const secrets: EvalSecrets = {
    webhookSecret: `whsec_${token(24)}`,
    hostApiKey: `hk_eval_${token(24)}`,
    chatJwtSecret: token(32),
    staffKey: `sk_eval_${token(24)}`,
  };
  const config = parseConfig({
    NODE_ENV: 'test', // in-memory PGlite: every run starts from an empty database
    LOG_LEVEL: opts.logLevel ?? 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    STRIPE_WEBHOOK_SECRET: secrets.webhookSecret,
    HOST_API_KEY: secrets.hostApiKey,
    CHAT_JWT_SECRET: secrets.chatJwtSecret,
    METRICS_TOKEN: `mt_eval_${token(16)}`,
    SUPPORT_API_KEYS: `eval:${secrets.staffKey}`,
    // The eval sends hundreds of turns from one address in a couple of minutes; limits are tested elsewhere.
    CHAT_RATE_LIMIT: '0',
    CHAT_IP_RATE_LIMIT: '0',
    WEBHOOK_RATE_LIMIT: '0',
    // Handoff effects stay queued: the eval reads outcomes from the chat, not from delivered webhooks.
    WORKER_ENABLED: 'false',
    DEMO_ENABLED: 'false',
    ...opts.modelEnv,
  });
  const clock = evalClock();
  const deps = await createDeps(config, { clock });
  await migrateDb(deps.dbHandle);
  const base = opts.model ?? createModel(config);
  const model = opts.wrapModel ? opts.wrapModel(base, config) : base;
  const app = createApp(deps, { agent: { model, ...(opts.timeoutMs && { timeoutMs: opts.timeoutMs }) } });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    config,
    clock,
    secrets,
    modelLabel: modelLabel(base),
    stop: () => {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
        await closed;
        await deps.dbHandle.close();
      })();
      return stopping;
    },
  };
}
