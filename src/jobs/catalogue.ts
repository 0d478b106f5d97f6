import { z } from 'zod';
import { AlertPayloadSchema, CrmUpsertPayloadSchema, EmailPayloadSchema } from '../billing/effects.ts';

/**
 * The billing effects' payload schemas are billing's own (effects.ts): one declaration, checked at
 * enqueue. Handoff payloads belong to the agent module; until it declares them the schema is loose
 * and the handler forwards the payload as the webhook's `data`.
 */
const HandoffPayloadSchema = z.looseObject({ type: z.string().optional() });

export type RetryBudget = {
  /** Attempts before the job is dead-lettered. */
  maxAttempts: number;
  /** First retry delay; doubles per attempt (with jitter) up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
};

const MINUTE = 60_000;

/**
 * Every effect kind, declared once: its payload schema and retry budget. The outbox refuses kinds
 * that are not here, and the worker looks up the handler by the same name. Budgets are sized so a
 * target's short outage is ridden out (CRM ~21 min, handoff ~85 min) while a customer-facing email
 * gives up within minutes rather than arriving hours late and out of context.
 */
export const JOB_CATALOGUE = {
  'crm.upsertContact': {
    maxAttempts: 8,
    baseDelayMs: 10_000,
    maxDelayMs: 60 * MINUTE,
    payload: CrmUpsertPayloadSchema,
  },
  'email.send': { maxAttempts: 6, baseDelayMs: 10_000, maxDelayMs: 10 * MINUTE, payload: EmailPayloadSchema },
  'alert.notify': { maxAttempts: 5, baseDelayMs: 5_000, maxDelayMs: 5 * MINUTE, payload: AlertPayloadSchema },
  'handoff.deliver': {
    maxAttempts: 10,
    baseDelayMs: 10_000,
    maxDelayMs: 60 * MINUTE,
    payload: HandoffPayloadSchema,
  },
} as const satisfies Record<string, RetryBudget & { payload: z.ZodType }>;
export type JobKind = keyof typeof JOB_CATALOGUE;
export const JOB_KINDS = Object.keys(JOB_CATALOGUE) as JobKind[];

export type {
  AlertPayload,
  CrmUpsertPayload,
  EmailPayload,
} from '../billing/effects.ts';
export type HandoffPayload = z.output<typeof HandoffPayloadSchema>;

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_CATALOGUE, kind);
}
