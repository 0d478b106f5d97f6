import { tool } from 'ai';
import { z } from 'zod';

export const HANDOFF_TAGS = ['billing', 'product', 'human_review'] as const;
export type HandoffTag = (typeof HANDOFF_TAGS)[number];

export const RequestHumanInput = z.strictObject({
  reason: z
    .enum(['customer_request', 'state_not_ok', 'cannot_answer', 'other'])
    .describe('Why a person is needed.'),
  tag: z
    .enum(HANDOFF_TAGS)
    .describe('billing for payment problems, product for access problems, human_review otherwise.'),
  summary: z.string().min(1).max(500).describe('One or two sentences for the person picking this up.'),
});
export type RequestHumanInput = z.infer<typeof RequestHumanInput>;

/**
 * Asks for a person. The tool itself changes nothing: the chat turn sees the call and records the
 * handoff (row, transcript, outbox effect) in one transaction after the agent stops.
 */
export const requestHuman = tool({
  description:
    'Hand the conversation to a person on the support team. Use when the customer asks for a person, when ' +
    'a billing tool returns a state other than ok, or when you cannot answer from tool results.',
  inputSchema: RequestHumanInput,
  execute: async () => ({ state: 'ok' as const, accepted: true }),
});
