import { accessView } from '../../billing/queries.ts';
import type { BillingRecord } from '../../billing/record.ts';

/** What a person needs to see first about the customer, as the record stood at the handoff. */
export function customerSnapshot(
  record: BillingRecord | null,
  now: Date,
  graceDays: number,
): Record<string, unknown> | null {
  if (!record) return null;
  const sub = record.subscription;
  return {
    stripeCustomerId: record.stripeCustomerId,
    email: record.email,
    subscription: sub && {
      id: sub.id,
      status: sub.status,
      planName: sub.planName,
      interval: sub.interval,
      currentPeriodEnd: sub.currentPeriodEnd,
      cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
      trialEnd: sub.trialEnd,
    },
    access: accessView(record, now, graceDays),
    review: { state: record.review.state, reason: record.review.reason },
    lastPayment: record.lastPayment && {
      status: record.lastPayment.status,
      amount: record.lastPayment.amount,
      currency: record.lastPayment.currency,
      at: record.lastPayment.at,
    },
    asOf: record.asOf,
  };
}
