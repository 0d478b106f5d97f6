// Failure injection shared by the fakes: fail the next N requests, be down until told otherwise,
// answer slowly. A slow answer is slow *after* the request took effect, which is the case that
// matters for duplicates: the target did the work, the caller never heard back.
import type { MiddlewareHandler } from 'hono';

export type Faults = {
  /** The next `n` requests are answered with `status` and have no effect. */
  failNext(n: number, status?: number): void;
  /** Every request answers `status` (no effect) until up(). */
  down(status?: number): void;
  up(): void;
  /** Delay before each answer, after the request took effect. */
  delayMs: number;
  /** The next `n` answers are delayed by `ms` (after taking effect): a caller's timeout loses them. */
  slowNext(n: number, ms: number): void;
  /** Requests answered with an injected failure so far. */
  readonly failed: number;
};

export function createFaults(): Faults & { middleware: MiddlewareHandler } {
  let failing = 0;
  let failStatus = 500;
  let downStatus: number | null = null;
  let failed = 0;
  let slow = 0;
  let slowMs = 0;
  const faults = {
    delayMs: 0,
    get failed() {
      return failed;
    },
    failNext(n: number, status = 500) {
      failing = n;
      failStatus = status;
    },
    slowNext(n: number, ms: number) {
      slow = n;
      slowMs = ms;
    },
    down(status = 503) {
      downStatus = status;
    },
    up() {
      downStatus = null;
    },
    middleware: (async (c, next) => {
      const status = downStatus ?? (failing > 0 ? failStatus : null);
      if (status !== null) {
        if (downStatus === null) failing -= 1;
        failed += 1;
        return c.json({ message: 'injected failure', status }, status as 500);
      }
      await next();
      let delay = faults.delayMs;
      if (slow > 0) {
        slow -= 1;
        delay += slowMs;
      }
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    }) satisfies MiddlewareHandler,
  };
  return faults;
}
