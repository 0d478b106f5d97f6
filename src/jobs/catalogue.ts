import { z } from 'zod';

/**
 * Every effect kind, declared once: its payload schema and retry budget. The outbox refuses kinds
 * that are not here, and the worker looks up the handler by the same name.
 */
export const JOB_CATALOGUE = {
  'crm.upsertContact': { maxAttempts: 8, payload: z.record(z.string(), z.unknown()) },
  'email.send': { maxAttempts: 6, payload: z.record(z.string(), z.unknown()) },
  'alert.notify': { maxAttempts: 5, payload: z.record(z.string(), z.unknown()) },
  'handoff.deliver': { maxAttempts: 10, payload: z.record(z.string(), z.unknown()) },
} as const;
export type JobKind = keyof typeof JOB_CATALOGUE;

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_CATALOGUE, kind);
}
