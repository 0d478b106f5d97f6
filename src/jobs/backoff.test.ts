import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.ts';
import { JOB_CATALOGUE } from './catalogue.ts';

const budget = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles the ceiling per attempt until the cap', () => {
    const top = () => 1; // the largest jitter
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, budget, { random: top }))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
    expect(retryDelayMs(20, budget, { random: top })).toBe(60_000);
  });

  it('always waits between half the ceiling and the ceiling, for any attempt and any jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r) => {
          const ceiling = Math.min(budget.maxDelayMs, budget.baseDelayMs * 2 ** (attempt - 1));
          const d = retryDelayMs(attempt, budget, { random: () => r });
          return d >= Math.floor(ceiling / 2) && d <= ceiling;
        },
      ),
    );
  });

  it("raises the delay to a target's Retry-After, but never past the cap", () => {
    expect(retryDelayMs(1, budget, { random: () => 0, retryAfterMs: 30_000 })).toBe(30_000);
    expect(retryDelayMs(1, budget, { random: () => 0, retryAfterMs: 3_600_000 })).toBe(60_000);
  });

  it('gives every kind a budget whose retries end within a few hours at most', () => {
    for (const [kind, b] of Object.entries(JOB_CATALOGUE)) {
      let total = 0;
      for (let a = 1; a < b.maxAttempts; a++) total += retryDelayMs(a, b, { random: () => 1 });
      expect(total, kind).toBeLessThan(3 * 3_600_000);
      expect(total, kind).toBeGreaterThan(60_000);
    }
  });
});
