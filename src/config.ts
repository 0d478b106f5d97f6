// The only reader of process.env. Every variable is parsed by one zod schema; a bad or missing value
// stops start-up with one message naming the variable and what is expected, never its value.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PLAN_CATALOGUE, type PlanCatalogue, PlanCatalogueSchema } from './billing/plans.ts';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
      error: 'expected true or false',
    })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(v)));

const intIn = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected an integer from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const url = z.url({ error: 'expected an absolute http(s) URL' });
const optionalUrl = url.optional();
/** A secret: never echoed in messages (zod does not include input values in issues by default). */
const secret = (min: number) =>
  z.string({ error: 'expected a secret string' }).min(min, { error: `expected at least ${min} characters` });

/** "20/1m", "100/10s", "0" (off). */
export const RateLimitSpec = z
  .string()
  .regex(/^(0|\d+\/\d+(ms|s|m|h))$/, { error: 'expected "<count>/<window>" like 20/1m, or 0 for off' })
  .transform((v) => {
    if (v === '0') return null;
    const [count, window] = v.split('/') as [string, string];
    const m = /^(\d+)(ms|s|m|h)$/.exec(window)!;
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    return { limit: Number(count), windowMs: Number(m[1]) * unit };
  });
export type RateLimitSpec = z.output<typeof RateLimitSpec>;

const namedKeys = z
  .string()
  .regex(/^[\w.-]+:[^,\s]{16,}(,[\w.-]+:[^,\s]{16,})*$/, {
    error: 'expected comma-separated name:key pairs, each key at least 16 characters',
  })
  .transform((v) =>
    v.split(',').map((pair) => {
      const i = pair.indexOf(':');
      return { name: pair.slice(0, i), key: pair.slice(i + 1) };
    }),
  );

const planCatalogue = z
  .string()
  .optional()
  .transform((v, ctx): PlanCatalogue => {
    if (!v) return DEFAULT_PLAN_CATALOGUE;
    try {
      return PlanCatalogueSchema.parse(JSON.parse(v));
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'expected JSON matching the plan catalogue schema (see .env.example)',
      });
      return z.NEVER;
    }
  });

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: intIn(3000, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'expected a postgres:// or postgresql:// connection string' })
    .optional(),
  DATABASE_WS_PROXY: z
    .string()
    .regex(/^[\w.-]+:\d+$/, { error: 'expected host:port of a local WebSocket-to-TCP proxy' })
    .optional(),
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: secret(8).optional(),
  /** Namespace for every Redis key (several deployments or test runs can share one Redis). */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, { error: 'expected 1-64 of [A-Za-z0-9_:.-]' })
    .default('ledgerdesk'),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[^,\s]{8,}(,whsec_[^,\s]{8,})*$/, {
      error: 'expected one or more comma-separated whsec_… secrets',
    })
    .optional(),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\S+$/, { error: 'expected an sk_… or rk_… key' })
    .optional(),
  STRIPE_API_URL: optionalUrl,
  HOST_API_KEY: secret(16).optional(),
  CHAT_JWT_SECRET: secret(32).optional(),
  CHAT_JWKS_URL: optionalUrl,
  SUPPORT_API_KEYS: namedKeys.optional(),
  METRICS_TOKEN: secret(16).optional(),
  PLAN_CATALOGUE: planCatalogue,
  PAST_DUE_GRACE_DAYS: intIn(7, 0, 90),
  CRM_BASE_URL: url.default('https://api.hubapi.com'),
  CRM_TOKEN: secret(8).optional(),
  EMAIL_API_URL: url.default('https://api.resend.com'),
  EMAIL_API_KEY: secret(8).optional(),
  EMAIL_FROM: z.string().min(3).default('ledgerdesk <billing@example.com>'),
  ALERT_WEBHOOK_URL: optionalUrl,
  SUPPORT_HANDOFF_URL: optionalUrl,
  SUPPORT_HANDOFF_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, { error: 'expected a whsec_ base64 secret (Standard Webhooks)' })
    .optional(),
  AGENT_MODEL: z
    .string()
    .regex(/^(offline|openai:[\w.:-]+)$/, { error: 'expected offline or openai:<model-id>' })
    .optional(),
  OPENAI_API_KEY: secret(8).optional(),
  OPENAI_BASE_URL: optionalUrl,
  CHAT_RATE_LIMIT: RateLimitSpec.prefault('20/1m'),
  CHAT_IP_RATE_LIMIT: RateLimitSpec.prefault('60/1m'),
  WEBHOOK_RATE_LIMIT: RateLimitSpec.prefault('2000/10s'),
  /** Every other /v1 route (entitlement, link, /v1/me, support), per client IP. */
  API_RATE_LIMIT: RateLimitSpec.prefault('3000/10s'),
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()) : [])),
  DEMO_ENABLED: z.enum(['true', 'false']).optional(),
  WORKER_ENABLED: bool(true),
  WORKER_CONCURRENCY: intIn(16, 1, 64),
  /** `npm run worker` only: serve its /metrics and /healthz on this port (0: no listener). */
  WORKER_METRICS_PORT: intIn(0, 0, 65535),
  /** Webhook fast path (src/webhooks/ingest-batch.ts); false: every event on the locking path. */
  INGEST_FAST_PATH: bool(true),
  /** Most events one fast-path statement writes. */
  INGEST_BATCH_MAX: intIn(64, 1, 1000),
  /**
   * Fast-path batches in flight at once (each on its own connection). One: deliveries that arrive
   * while a statement is in flight wait for it and go together in the next, so at 800-1,600/s each
   * statement carries more events. Against two, A/B pairs on one machine (docs/measurements.md, tenth session) measured
   * 3-11 % less server CPU and 15-19 % less PostgreSQL CPU per event from 800/s, p99 lower or
   * level, for up to 1 ms more p50 at 800/s.
   */
  INGEST_CONCURRENCY: intIn(1, 1, 32),
  /** Records kept in memory by the fast path (each ~5-15 KB); 0 reads every record. */
  INGEST_RECORD_CACHE: intIn(5000, 0, 1_000_000),
});
export type Env = z.output<typeof EnvSchema>;

export type Config = Env & {
  mode: 'embedded' | 'production';
  stripeWebhookSecrets: string[];
  hostApiKey: string;
  chatJwtSecret: string | undefined;
  supportApiKeys: { name: string; key: string }[];
  metricsToken: string;
  demoEnabled: boolean;
  agentModel: string;
  /** Every configured secret value, so logs can scrub them wherever they appear. */
  secretValues: string[];
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SECRET_NAMES = [
  'STRIPE_WEBHOOK_SECRET',
  'STRIPE_SECRET_KEY',
  'HOST_API_KEY',
  'CHAT_JWT_SECRET',
  'METRICS_TOKEN',
  'CRM_TOKEN',
  'EMAIL_API_KEY',
  'SUPPORT_HANDOFF_SECRET',
  'OPENAI_API_KEY',
  'UPSTASH_REDIS_REST_TOKEN',
] as const;

type DevSecrets = Pick<
  Env,
  'STRIPE_WEBHOOK_SECRET' | 'HOST_API_KEY' | 'CHAT_JWT_SECRET' | 'METRICS_TOKEN' | 'SUPPORT_HANDOFF_SECRET'
> & { SUPPORT_API_KEY: string };

/** Parses an environment. `devSecrets` fills unset secrets in embedded mode; production must set them. */
export function parseConfig(env: Record<string, string | undefined>, devSecrets?: DevSecrets): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = result.data;
  const mode = e.NODE_ENV === 'production' ? 'production' : 'embedded';
  const problems: string[] = [];
  const need = <K extends keyof DevSecrets>(name: K, value: string | undefined): string => {
    if (value) return value;
    if (mode === 'embedded' && devSecrets?.[name]) return devSecrets[name] as string;
    problems.push(`${name}: required in production`);
    return '';
  };
  const webhookSecret = need('STRIPE_WEBHOOK_SECRET', e.STRIPE_WEBHOOK_SECRET);
  const hostApiKey = need('HOST_API_KEY', e.HOST_API_KEY);
  const metricsToken = need('METRICS_TOKEN', e.METRICS_TOKEN);
  const chatJwtSecret =
    e.CHAT_JWT_SECRET ?? (e.CHAT_JWKS_URL ? undefined : need('CHAT_JWT_SECRET', undefined));
  const handoffSecret =
    e.SUPPORT_HANDOFF_SECRET ?? (mode === 'embedded' ? devSecrets?.SUPPORT_HANDOFF_SECRET : undefined);
  let supportApiKeys = e.SUPPORT_API_KEYS ?? [];
  if (supportApiKeys.length === 0) {
    if (mode === 'embedded' && devSecrets)
      supportApiKeys = [{ name: 'dev', key: devSecrets.SUPPORT_API_KEY }];
    else if (mode === 'production') problems.push('SUPPORT_API_KEYS: required in production');
  }
  if (e.AGENT_MODEL?.startsWith('openai:') && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    problems.push('OPENAI_API_KEY: required when AGENT_MODEL is openai:<model>');
  }
  if (e.UPSTASH_REDIS_REST_URL && !e.UPSTASH_REDIS_REST_TOKEN) {
    problems.push('UPSTASH_REDIS_REST_TOKEN: required when UPSTASH_REDIS_REST_URL is set');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const config: Config = {
    ...e,
    SUPPORT_HANDOFF_SECRET: handoffSecret,
    mode,
    stripeWebhookSecrets: webhookSecret.split(','),
    hostApiKey,
    chatJwtSecret,
    supportApiKeys,
    metricsToken,
    demoEnabled: e.DEMO_ENABLED ? e.DEMO_ENABLED === 'true' : mode === 'embedded',
    agentModel: e.AGENT_MODEL ?? (e.OPENAI_API_KEY ? 'openai:gpt-4.1-mini' : 'offline'),
    secretValues: [],
  };
  config.secretValues = [
    ...SECRET_NAMES.map((n) => config[n]),
    ...config.stripeWebhookSecrets,
    config.hostApiKey,
    config.chatJwtSecret,
    config.metricsToken,
    ...supportApiKeys.map((k) => k.key),
  ].filter((v): v is string => typeof v === 'string' && v.length >= 8);
  config.secretValues = [...new Set(config.secretValues)];
  return config;
}

/** Development secrets are generated once and kept in DATA_DIR so restarts keep the same values. */
export function loadDevSecrets(dataDir: string): DevSecrets {
  const file = join(resolve(dataDir), 'dev-secrets.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  } catch {
    const token = (n: number) => randomBytes(n).toString('base64url');
    const secrets: DevSecrets = {
      STRIPE_WEBHOOK_SECRET: `whsec_${token(24)}`,
      HOST_API_KEY: `hk_${token(24)}`,
      CHAT_JWT_SECRET: token(32),
      METRICS_TOKEN: `mt_${token(18)}`,
      SUPPORT_HANDOFF_SECRET: `whsec_${randomBytes(24).toString('base64')}`,
      SUPPORT_API_KEY: `sk_dev_${token(24)}`,
    };
    mkdirSync(resolve(dataDir), { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    return secrets;
  }
}

/** Reads process.env (the one place that does), generating dev secrets in embedded mode. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const embedded = env.NODE_ENV !== 'production';
  const devSecrets = embedded ? loadDevSecrets(env.DATA_DIR || './.data') : undefined;
  return parseConfig(env, devSecrets);
}
