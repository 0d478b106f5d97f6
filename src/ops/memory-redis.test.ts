import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter, type RateLimiter } from './memory-redis.ts';

/** A clock the test moves by hand. */
function manualClock(start: number) {
  let t = start;
  return { now: () => t, set: (ms: number) => (t = ms), advance: (ms: number) => (t += ms) };
}

const WINDOW = 60_000;
const WINDOW_START = 1_800_000_000_000 - (1_800_000_000_000 % WINDOW); // aligned, like Upstash's buckets

describe('createMemoryRateLimiter', () => {
  it('allows the first N calls in a window and denies call N+1', async () => {
    const clock = manualClock(WINDOW_START + 5_000);
    const limiter = createMemoryRateLimiter({ limit: 3, windowMs: WINDOW, now: clock.now });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.limit('user-1'));
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results.every((r) => r.limit === 3 && r.reset === WINDOW_START + WINDOW)).toBe(true);
  });

  it('starts a fresh budget when the window ends, exactly at reset', async () => {
    const clock = manualClock(WINDOW_START + 59_000);
    const limiter = createMemoryRateLimiter({ limit: 2, windowMs: WINDOW, now: clock.now });
    await limiter.limit('user-1');
    await limiter.limit('user-1');
    const denied = await limiter.limit('user-1');
    expect(denied.success).toBe(false);

    clock.set(denied.reset - 1);
    expect((await limiter.limit('user-1')).success).toBe(false);
    clock.set(denied.reset);
    const fresh = await limiter.limit('user-1');
    expect(fresh).toMatchObject({ success: true, remaining: 1, reset: denied.reset + WINDOW });
  });

  it('keeps counting denied calls inside the window, as the Upstash script does', async () => {
    const clock = manualClock(WINDOW_START);
    const limiter = createMemoryRateLimiter({ limit: 1, windowMs: WINDOW, now: clock.now });
    for (let i = 0; i < 5; i++) await limiter.limit('user-1');
    const result = await limiter.limit('user-1');
    expect(result).toMatchObject({ success: false, remaining: 0 });
  });

  it('gives every key its own budget', async () => {
    const clock = manualClock(WINDOW_START);
    const limiter = createMemoryRateLimiter({ limit: 1, windowMs: WINDOW, now: clock.now });
    expect((await limiter.limit('a')).success).toBe(true);
    expect((await limiter.limit('a')).success).toBe(false);
    expect((await limiter.limit('b')).success).toBe(true);
  });

  it('denies everything with a limit of 0', async () => {
    const limiter = createMemoryRateLimiter({ limit: 0, windowMs: WINDOW, now: () => WINDOW_START });
    expect(await limiter.limit('a')).toMatchObject({ success: false, remaining: 0, limit: 0 });
  });

  it('forgets keys from past windows so memory stays bounded', async () => {
    const clock = manualClock(WINDOW_START);
    const limiter = createMemoryRateLimiter({ limit: 5, windowMs: WINDOW, now: clock.now });
    for (let i = 0; i < 100; i++) await limiter.limit(`ip-${i}`);
    expect(limiter.size).toBe(100);
    clock.advance(WINDOW);
    await limiter.limit('ip-new');
    expect(limiter.size).toBe(1);
  });

  it('resolves pending, so callers written for Ratelimit can await or waitUntil it', async () => {
    const limiter = createMemoryRateLimiter({ limit: 1, windowMs: WINDOW, now: () => WINDOW_START });
    const { pending } = await limiter.limit('a');
    await expect(pending).resolves.toBeUndefined();
  });

  it('rejects a window or limit that is not a sensible integer', () => {
    expect(() => createMemoryRateLimiter({ limit: 1, windowMs: 0 })).toThrow(RangeError);
    expect(() => createMemoryRateLimiter({ limit: -1, windowMs: 1000 })).toThrow(RangeError);
    expect(() => createMemoryRateLimiter({ limit: 1.5, windowMs: 1000 })).toThrow(RangeError);
  });

  it('shares its type with Ratelimit, so either can be injected', () => {
    // Compile-time check (npm run typecheck); constructing neither touches the network.
    const upstash: RateLimiter = new Ratelimit({
      redis: new Redis({ url: 'http://127.0.0.1:9', token: 'unused' }),
      limiter: Ratelimit.fixedWindow(1, '1 s'),
    });
    const memory: RateLimiter = createMemoryRateLimiter({ limit: 1, windowMs: 1000 });
    expect(typeof upstash.limit).toBe('function');
    expect(typeof memory.limit).toBe('function');
  });
});
