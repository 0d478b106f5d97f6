// The envelope every billing tool returns. `state` says whether the facts can be used as they are;
// anything but `ok` carries no data, so the model has nothing to guess from and hands off.
import type { BillingRecord, ObjectKind } from '../billing/record.ts';

export const TOOL_STATES = ['ok', 'missing', 'conflict', 'needs_review', 'pending'] as const;
export type ToolState = (typeof TOOL_STATES)[number];

export type BillingResult<T> = {
  state: ToolState;
  /** The latest time the record knows of (its newest event), not the time of the question. */
  asOf: string | null;
  /** The Stripe events the data stands on. */
  eventIds: string[];
  data: T | null;
  /** Why the state is not ok, in words the model may repeat. */
  note?: string;
};

const NOTES: Record<Exclude<ToolState, 'ok'>, string> = {
  missing: 'No billing account is linked to this sign-in yet.',
  conflict: 'The billing account is linked to more than one sign-in and is being checked by a person.',
  needs_review: 'The billing account is being reviewed by a person.',
  pending: 'A payment or subscription change is still being processed.',
};

export function stateOf(record: BillingRecord | null): ToolState {
  if (!record) return 'missing';
  if (record.review.state === 'needs_review') {
    return record.review.reason === 'conflicting_auth_user' ? 'conflict' : 'needs_review';
  }
  if (record.subscription?.status === 'incomplete') return 'pending';
  if (record.lastPayment?.status === 'action_required') return 'pending';
  return 'ok';
}

export function eventIdsOf(record: BillingRecord, kinds: readonly ObjectKind[]): string[] {
  const ids = kinds.map((k) => record.watermarks[k]?.eventId).filter((id): id is string => !!id);
  return [...new Set(ids)];
}

/** The envelope for a record: data only when the state is ok. */
export function billingResult<T>(
  record: BillingRecord | null,
  kinds: readonly ObjectKind[],
  data: (record: BillingRecord) => T,
): BillingResult<T> {
  const state = stateOf(record);
  if (!record || state !== 'ok') {
    return {
      state,
      asOf: record?.asOf ?? null,
      eventIds: record ? eventIdsOf(record, kinds) : [],
      data: null,
      ...(state !== 'ok' && { note: NOTES[state] }),
    };
  }
  return { state, asOf: record.asOf, eventIds: eventIdsOf(record, kinds), data: data(record) };
}
