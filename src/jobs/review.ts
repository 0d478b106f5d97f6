// A dead-lettered effect puts its customer in front of a person: an issue on the record's review.

import { type DeriveContext, deriveRecord } from '../billing/derive.ts';
import { lockRecord, saveRecord } from '../billing/ingest-store.ts';
import type { BillingRecord, ReviewReason } from '../billing/record.ts';
import type { DbOrTx } from '../db/client.ts';

export const EFFECT_FAILED: ReviewReason = 'effect_failed';

export type EffectFailure = {
  /** Unique per dead letter (job key + how many times it died), so a re-drive that dies again reopens. */
  issueKey: string;
  at: Date;
};

/** Adds the failure under the customer's row lock, in the caller's (dead-lettering) transaction. */
export async function flagForReview(
  tx: DbOrTx,
  stripeCustomerId: string,
  failure: EffectFailure,
  ctx: DeriveContext,
): Promise<void> {
  const { record } = await lockRecord(tx, stripeCustomerId);
  const next = withEffectFailure(record, failure, ctx);
  if (next !== record) await saveRecord(tx, next);
}

/**
 * Pure: the record with the failure added to its facts and everything re-derived, so billing's own
 * review rules apply to it (earliest issue names the review, access frozen at what was confirmed
 * before it) and later events cannot drop it. An issue a person already resolved is not reopened.
 */
export function withEffectFailure(
  record: BillingRecord,
  failure: EffectFailure,
  ctx: DeriveContext,
): BillingRecord {
  const key = `effect:${failure.issueKey}`;
  const known = record.facts.effectFailures ?? [];
  if (known.some((f) => f.key === failure.issueKey) || record.operator.resolvedIssues.includes(key))
    return record;
  const facts = {
    ...record.facts,
    effectFailures: [...known, { key: failure.issueKey, at: Math.floor(failure.at.getTime() / 1000) }],
  };
  return deriveRecord(record, facts, ctx);
}
