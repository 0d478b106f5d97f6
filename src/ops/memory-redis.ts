// The in-process rate limiter for embedded mode (no Upstash env): the same `limit(key)` contract
// and result shape as `@upstash/ratelimit`'s `Ratelimit.limit`, so callers hold a `RateLimiter`
// and never learn which one they got.
//
// Why not a fake `Redis` object handed to `new Ratelimit({ redis })`: the library does all its
// limiting in Lua, calling `evalsha(<hash of its own script>)` and falling back to `eval(<script>)`.
// A fake would have to recognise each script by hash or text and re-implement it in JavaScript;
// those scripts are private and change between releases (2.x added an `allow-key-locking` shebang
// and an optional dynamic-limit key, changing every hash), so the fake would break silently on an
// upgrade. The library also reads `Date.now()` itself, leaving no clock to inject. A few lines of
// fixed-window counting with the library's exact semantics are cheaper to own and to test.

export type RateLimitResult = {
  success: boolean;
  limit: number;
  remaining: number;
  /** Unix time in ms when the current window ends. */
  reset: number;
  /** Present for parity with `Ratelimit.limit` (analytics, multi-region sync); already settled here. */
  pending: Promise<unknown>;
};

/** What rate-limited code depends on; `Ratelimit` from `@upstash/ratelimit` satisfies it too. */
export type RateLimiter = { limit(key: string): Promise<RateLimitResult> };

export type MemoryRateLimiter = RateLimiter & {
  /** Keys currently held; stale windows are swept at most once per window. */
  readonly size: number;
};

export type MemoryRateLimiterOptions = {
  limit: number;
  windowMs: number;
  /** Injectable clock (ms since epoch); tests move time instead of sleeping. */
  now?: () => number;
};

/**
 * Fixed window, matching `Ratelimit.fixedWindow`: windows are aligned to the epoch
 * (`floor(now / windowMs)`), every call counts (denied ones too, as the Lua script's INCRBY does),
 * and `reset` is the end of the current window.
 */
export function createMemoryRateLimiter(opts: MemoryRateLimiterOptions): MemoryRateLimiter {
  const { limit, windowMs } = opts;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError('limit must be an integer >= 0');
  if (!Number.isInteger(windowMs) || windowMs < 1) throw new RangeError('windowMs must be an integer >= 1');
  const now = opts.now ?? Date.now;
  const counters = new Map<string, { window: number; count: number }>();
  let nextSweep = 0;
  const settled = Promise.resolve();

  return {
    get size() {
      return counters.size;
    },
    limit(key: string): Promise<RateLimitResult> {
      const t = now();
      const window = Math.floor(t / windowMs);
      if (t >= nextSweep) {
        // One pass per window keeps memory bounded by the keys seen in the current window.
        for (const [k, c] of counters) if (c.window < window) counters.delete(k);
        nextSweep = (window + 1) * windowMs;
      }
      let counter = counters.get(key);
      if (!counter || counter.window !== window) {
        counter = { window, count: 0 };
        counters.set(key, counter);
      }
      counter.count += 1;
      return Promise.resolve({
        success: counter.count <= limit,
        limit,
        remaining: Math.max(0, limit - counter.count),
        reset: (window + 1) * windowMs,
        pending: settled,
      });
    },
  };
}
