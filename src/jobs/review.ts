// A dead-lettered effect puts its customer in front of a person: an issue on the record's review.
import { lockRecord, saveRecord } from '../billing/ingest-store.ts';
import type { BillingRecord, ReviewReason } from '../billing/record.ts';
import type { DbOrTx } from '../db/client.ts';

/**
 * The review reason for "an effect could not be delivered". Not yet in billing's closed
 * REVIEW_REASONS list (requested from the billing module); the cast goes when it lands there.
 */
export const EFFECT_FAILED = 'effect_failed' as ReviewReason;

export type EffectFailure = {
  /** Unique per dead letter (job key + how many times it died), so a re-drive that dies again reopens. */
  issueKey: string;
  at: Date;
};

/** Adds the issue under the customer's row lock, in the caller's (dead-lettering) transaction. */
export async function flagForReview(
  tx: DbOrTx,
  stripeCustomerId: string,
  failure: EffectFailure,
): Promise<void> {
  const { record } = await lockRecord(tx, stripeCustomerId);
  const next = withEffectFailure(record, failure);
  if (next !== record) await saveRecord(tx, next);
}

/**
 * Pure: the record with one more open review issue. The earliest open issue keeps naming the
 * review (reason, since), and the access confirmed before it stays frozen, as billing does for its
 * own issues; an issue a person already resolved is not reopened.
 */
export function withEffectFailure(record: BillingRecord, failure: EffectFailure): BillingRecord {
  const key = `effect:${failure.issueKey}`;
  const { review, operator } = record;
  if (review.issues.some((i) => i.key === key) || operator.resolvedIssues.includes(key)) return record;
  const since = failure.at.toISOString();
  const open = review.state === 'needs_review';
  return {
    ...record,
    review: {
      state: 'needs_review',
      reason: open ? review.reason : EFFECT_FAILED,
      since: open ? review.since : since,
      issues: [...review.issues, { key, reason: EFFECT_FAILED, since }],
      confirmedAccess: open ? review.confirmedAccess : record.access,
    },
  };
}
