// Helpers for tests of the billing core: fold events through reduce and collect what came out.
import type { Effect } from '../../src/billing/effects.ts';
import { DEFAULT_PLAN_CATALOGUE } from '../../src/billing/plans.ts';
import { type BillingRecord, emptyRecord } from '../../src/billing/record.ts';
import {
  customerIdOf,
  type ReduceContext,
  type ReduceResult,
  reduce,
  type StripeEventLike,
} from '../../src/billing/reduce.ts';

export const BILLING_CTX: ReduceContext = { catalogue: DEFAULT_PLAN_CATALOGUE, graceDays: 7 };

export type Applied = { record: BillingRecord; effects: Effect[]; outcomes: ReduceResult['outcome'][] };

/**
 * Reduces the events in the given order, like the webhook path does: one record per customer, which
 * exists before its first event (so a dispute, which names no customer, is routed to it too).
 */
export function applyAll(
  events: readonly StripeEventLike[],
  start: BillingRecord | null = null,
  ctx: ReduceContext = BILLING_CTX,
): Applied {
  const customerId = events.map(customerIdOf).find((id) => id !== null);
  let record = start ?? (customerId ? emptyRecord(customerId) : null);
  const effects: Effect[] = [];
  const outcomes: ReduceResult['outcome'][] = [];
  for (const event of events) {
    const out = reduce(record, event, ctx);
    outcomes.push(out.outcome);
    effects.push(...out.effects);
    if (out.outcome !== 'ignored') record = out.record;
  }
  if (!record) throw new Error('no event applied');
  return { record, effects, outcomes };
}

/** ISO time of unix seconds. */
export function iso(unix: number): string {
  return new Date(unix * 1000).toISOString();
}
