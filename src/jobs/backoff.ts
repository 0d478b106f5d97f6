import type { RetryBudget } from './catalogue.ts';

/**
 * Delay before attempt `attempt + 1` after `attempt` failed: exponential, capped, with "equal
 * jitter" (half fixed, half random). The fixed half keeps a floor under the delay so a flapping
 * target is not hammered; the random half spreads the retries of many jobs that failed together
 * (one outage) so they do not return as one thundering herd. A target's Retry-After raises the
 * floor but never past the cap.
 */
export function retryDelayMs(
  attempt: number,
  budget: Pick<RetryBudget, 'baseDelayMs' | 'maxDelayMs'>,
  opts: { retryAfterMs?: number; random?: () => number } = {},
): number {
  const random = opts.random ?? Math.random;
  const exp = budget.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const ceiling = Math.min(budget.maxDelayMs, exp);
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  const floor = Math.min(budget.maxDelayMs, opts.retryAfterMs ?? 0);
  return Math.round(Math.max(jittered, floor));
}
