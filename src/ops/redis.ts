import { Redis } from '@upstash/redis';
import type { Config } from '../config.ts';

/** Upstash over REST in production; in embedded mode features that need Redis use in-process stand-ins. */
export type RedisLike = { kind: 'upstash'; client: Redis } | { kind: 'memory' };

export function createRedis(
  config: Pick<Config, 'UPSTASH_REDIS_REST_URL' | 'UPSTASH_REDIS_REST_TOKEN'>,
): RedisLike {
  if (!config.UPSTASH_REDIS_REST_URL || !config.UPSTASH_REDIS_REST_TOKEN) return { kind: 'memory' };
  return {
    kind: 'upstash',
    client: new Redis({
      url: config.UPSTASH_REDIS_REST_URL,
      token: config.UPSTASH_REDIS_REST_TOKEN,
      // Rate limiting must fail fast rather than queue behind a slow network.
      retry: { retries: 1, backoff: () => 50 },
    }),
  };
}
