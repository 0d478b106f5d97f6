import { getConnInfo } from '@hono/node-server/conninfo';
import { Ratelimit } from '@upstash/ratelimit';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { RateLimitSpec } from '../config.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { createMemoryRateLimiter, type RateLimiter } from '../ops/memory-redis.ts';

/** Upstash (shared by every instance) when configured, otherwise the in-process fallback. */
export function createRateLimiter(
  deps: Pick<Deps, 'redis' | 'config'>,
  name: string,
  spec: NonNullable<RateLimitSpec>,
): RateLimiter {
  if (deps.redis.kind === 'upstash') {
    return new Ratelimit({
      redis: deps.redis.client,
      limiter: Ratelimit.fixedWindow(spec.limit, `${spec.windowMs} ms`),
      prefix: `${deps.config.REDIS_KEY_PREFIX}:rl:${name}`,
      ephemeralCache: false,
    });
  }
  return createMemoryRateLimiter({ limit: spec.limit, windowMs: spec.windowMs });
}

/** The client's address: the socket peer (proxies in front should set a trusted header upstream). */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** 429 with Retry-After when the key is over its limit; `spec = null` turns the limit off. */
export function rateLimit(
  deps: Pick<Deps, 'redis' | 'log' | 'config'>,
  name: string,
  spec: RateLimitSpec,
  keyOf: (c: Context<AppEnv>) => string,
): MiddlewareHandler<AppEnv> {
  if (!spec) return async (_c, next) => next();
  const limiter = createRateLimiter(deps, name, spec);
  return async function rateLimit(c, next) {
    let result: Awaited<ReturnType<RateLimiter['limit']>>;
    try {
      result = await limiter.limit(keyOf(c));
    } catch (err) {
      // A limiter outage must not take the product down with it: fail open, and say so in the log.
      deps.log.warn({ err: String(err), limiter: name }, 'rate limiter unavailable; allowing request');
      return next();
    }
    c.header('ratelimit-limit', String(result.limit));
    c.header('ratelimit-remaining', String(Math.max(0, result.remaining)));
    if (!result.success) {
      const retryAfter = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
      throw new AppError('RATE_LIMITED', `Too many requests; retry in ${retryAfter} s.`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
    await next();
  };
}
