import Stripe from 'stripe';
import type { Config } from './config.ts';
import { createDb, type Db, type DbHandle } from './db/client.ts';
import { createLogger, type Log } from './ops/logger.ts';
import { createMetrics, type Metrics } from './ops/metrics.ts';
import { createRedis, type RedisLike } from './ops/redis.ts';
import { RecordCache } from './webhooks/record-cache.ts';

export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

/** Everything with I/O, built once in server.ts (or by a test) and passed down. */
export type Deps = {
  config: Config;
  db: Db;
  dbHandle: DbHandle;
  /** Upstash in production; an in-process stand-in in embedded mode. */
  redis: RedisLike;
  stripe: Stripe;
  clock: Clock;
  log: Log;
  metrics: Metrics;
  /** Records the webhook fast path has seen, with their row versions (a guess it always verifies). */
  recordCache: RecordCache;
};

export function createStripe(config: Config): Stripe {
  const api = config.STRIPE_API_URL ? new URL(config.STRIPE_API_URL) : undefined;
  // The key is only used by reconcile; webhook verification needs only the signing secret.
  return new Stripe(config.STRIPE_SECRET_KEY ?? 'sk_test_unset', {
    maxNetworkRetries: 2,
    ...(api && {
      host: api.hostname,
      port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)),
      protocol: api.protocol.replace(':', '') as 'http' | 'https',
    }),
  });
}

export async function createDeps(config: Config, overrides: Partial<Deps> = {}): Promise<Deps> {
  const log = overrides.log ?? createLogger({ level: config.LOG_LEVEL, secrets: config.secretValues });
  const dbHandle =
    overrides.dbHandle ??
    (await createDb(
      config.DATABASE_URL
        ? { driver: 'neon', url: config.DATABASE_URL, wsProxy: config.DATABASE_WS_PROXY }
        : { driver: 'pglite', dataDir: config.NODE_ENV === 'test' ? 'memory' : config.DATA_DIR },
    ));
  return {
    config,
    dbHandle,
    db: dbHandle.db,
    redis: overrides.redis ?? createRedis(config),
    stripe: overrides.stripe ?? createStripe(config),
    clock: overrides.clock ?? systemClock,
    log,
    metrics: overrides.metrics ?? createMetrics({ defaults: config.NODE_ENV !== 'test' }),
    recordCache: overrides.recordCache ?? new RecordCache(config.INGEST_RECORD_CACHE),
  };
}
