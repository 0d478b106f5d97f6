import { tool } from 'ai';
import { z } from 'zod';
import { compactInput } from './schema.ts';

export const HANDOFF_TAGS = ['billing', 'product', 'human_review'] as const;
export type HandoffTag = (typeof HANDOFF_TAGS)[number];

export const RequestHumanInput = z.strictObject({
  reason: z.enum(['customer_request', 'state_not_ok', 'cannot_answer', 'other']),
  tag: z.enum(HANDOFF_TAGS).describe('billing: payments; product: access; human_review: other'),
  summary: z.string().min(1).max(500).describe('For the person picking this up'),
});
export type RequestHumanInput = z.infer<typeof RequestHumanInput>;

/**
 * Asks for a person. The tool itself changes nothing: the chat turn sees the call and records the
 * handoff (row, transcript, outbox effect) in one transaction after the agent stops.
 */
export const requestHuman = tool({
  description: 'Hand off to a person: the customer asks, a state is not ok, or the tools cannot answer.',
  inputSchema: compactInput(RequestHumanInput),
  execute: async () => ({ state: 'ok' as const, accepted: true }),
});
