import type { HandoffTag } from '../../tools/request-human.ts';

export const HANDOFF_REASONS = [
  'customer_request',
  'state_missing',
  'state_conflict',
  'state_needs_review',
  'state_pending',
  'injection',
  'guard_block',
  'tool_error',
  'model_error',
  'unanswerable',
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

export type HandoffRequest = { reason: HandoffReason; tag: HandoffTag; summary: string };

const DESCRIPTIONS: Record<HandoffReason, string> = {
  customer_request: 'The customer asked for a person.',
  state_missing: 'No billing record is linked to this customer.',
  state_conflict: 'The billing record is claimed by more than one sign-in.',
  state_needs_review: 'The billing record needs review.',
  state_pending: 'A payment or subscription change is still pending.',
  injection: 'The message was flagged by the injection screen; the model was not called.',
  guard_block: 'The drafted answer made a billing claim the tool results did not support; it was withheld.',
  tool_error: 'A billing lookup failed or was called with invalid input.',
  model_error: 'The model failed or timed out.',
  unanswerable: 'Two turns in a row could not be answered.',
};

export function describeReason(reason: HandoffReason): string {
  return DESCRIPTIONS[reason];
}

/** A tool state other than ok, as a handoff: unknown or disputed state to review, in-flight payments to billing. */
export function stateHandoff(state: string): { reason: HandoffReason; tag: HandoffTag } {
  switch (state) {
    case 'missing':
      return { reason: 'state_missing', tag: 'human_review' };
    case 'conflict':
      return { reason: 'state_conflict', tag: 'human_review' };
    case 'pending':
      return { reason: 'state_pending', tag: 'billing' };
    default:
      return { reason: 'state_needs_review', tag: 'human_review' };
  }
}
