import { z } from 'zod';

/**
 * Payload schemas are loose on purpose: the reducer (and later the agent) own what they put in, and
 * handlers reload current state from the record rather than trusting a snapshot taken at enqueue
 * time. The fields named here are the ones handlers read when present.
 */
const CrmPayload = z.looseObject({
  /** create | update | close: the transition that caused the sync (for the log; the record decides). */
  action: z.string().optional(),
  email: z.string().optional(),
});
const EmailPayload = z.looseObject({
  template: z.string().optional(),
  to: z.string().optional(),
  subject: z.string().optional(),
});
const AlertPayload = z.looseObject({
  text: z.string().optional(),
  reason: z.string().optional(),
  severity: z.string().optional(),
});
const HandoffPayload = z.looseObject({
  type: z.string().optional(),
});

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
    payload: CrmPayload,
  },
  'email.send': { maxAttempts: 6, baseDelayMs: 10_000, maxDelayMs: 10 * MINUTE, payload: EmailPayload },
  'alert.notify': { maxAttempts: 5, baseDelayMs: 5_000, maxDelayMs: 5 * MINUTE, payload: AlertPayload },
  'handoff.deliver': {
    maxAttempts: 10,
    baseDelayMs: 10_000,
    maxDelayMs: 60 * MINUTE,
    payload: HandoffPayload,
  },
} as const satisfies Record<string, RetryBudget & { payload: z.ZodType<Record<string, unknown>> }>;
export type JobKind = keyof typeof JOB_CATALOGUE;
export const JOB_KINDS = Object.keys(JOB_CATALOGUE) as JobKind[];

export type CrmPayload = z.output<typeof CrmPayload>;
export type EmailPayload = z.output<typeof EmailPayload>;
export type AlertPayload = z.output<typeof AlertPayload>;
export type HandoffPayload = z.output<typeof HandoffPayload>;

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_CATALOGUE, kind);
}
