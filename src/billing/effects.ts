// Side effects as data. The reducer returns them; the webhook transaction inserts them into the outbox
// with their key, which is unique there: every key is built from the customer and the transition
// (an invoice, a subscription, the event that changed a plan), never from a clock or a counter, so a
// replay, a retry or a redelivery produces the same key and the outbox drops the copy.
import { z } from 'zod';

export const LifecycleSchema = z.enum(['lead', 'trial', 'customer', 'past_due', 'paused', 'churned']);
export type Lifecycle = z.infer<typeof LifecycleSchema>;

export const CrmUpsertPayloadSchema = z.object({
  action: z.enum(['create', 'update']),
  /** Why: first_payment (create), plan_changed, lifecycle_changed, auth_user_linked, canceled (closes the loop). */
  trigger: z.enum(['first_payment', 'plan_changed', 'lifecycle_changed', 'auth_user_linked', 'canceled']),
  crmContactId: z.string().nullable(),
  authUserId: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  lifecycle: LifecycleSchema,
  planId: z.string().nullable(),
  planName: z.string().nullable(),
  subscriptionId: z.string().nullable(),
  subscriptionStatus: z.string().nullable(),
  hasAccess: z.boolean(),
});
export type CrmUpsertPayload = z.infer<typeof CrmUpsertPayloadSchema>;

const Money = { amount: z.number().int(), currency: z.string().nullable() };

export const EmailPayloadSchema = z.discriminatedUnion('template', [
  z.object({
    template: z.literal('payment_confirmation'),
    to: z.string(),
    facts: z.object({ ...Money, invoiceId: z.string(), planName: z.string().nullable(), paidAt: z.string() }),
  }),
  z.object({
    template: z.literal('payment_failed'),
    to: z.string(),
    facts: z.object({
      ...Money,
      invoiceId: z.string(),
      /** true when the bank asks the customer to authenticate rather than declining. */
      actionRequired: z.boolean(),
      hostedInvoiceUrl: z.string().nullable(),
      failedAt: z.string(),
      /** When access ends if nothing is paid (null when the subscription is not past_due). */
      accessUntil: z.string().nullable(),
    }),
  }),
  z.object({
    template: z.literal('trial_will_end'),
    to: z.string(),
    facts: z.object({
      subscriptionId: z.string(),
      trialEnd: z.string().nullable(),
      planName: z.string().nullable(),
    }),
  }),
  z.object({
    template: z.literal('subscription_canceled'),
    to: z.string(),
    facts: z.object({
      subscriptionId: z.string(),
      endedAt: z.string().nullable(),
      planName: z.string().nullable(),
    }),
  }),
]);
export type EmailPayload = z.infer<typeof EmailPayloadSchema>;
export type EmailTemplate = EmailPayload['template'];

export const AlertPayloadSchema = z.object({
  severity: z.enum(['info', 'warning', 'critical']),
  reason: z.string(),
  text: z.string(),
  /** The review issue key, when the alert is about one. */
  issueKey: z.string().nullable(),
});
export type AlertPayload = z.infer<typeof AlertPayloadSchema>;

/** Payload schema per effect kind, for the job catalogue. */
export const EFFECT_PAYLOAD_SCHEMAS = {
  'crm.upsertContact': CrmUpsertPayloadSchema,
  'email.send': EmailPayloadSchema,
  'alert.notify': AlertPayloadSchema,
} as const;

export type EffectKind = keyof typeof EFFECT_PAYLOAD_SCHEMAS;
type Payloads = { [K in EffectKind]: z.infer<(typeof EFFECT_PAYLOAD_SCHEMAS)[K]> };

export type Effect = {
  [K in EffectKind]: { kind: K; key: string; stripeCustomerId: string; payload: Payloads[K] };
}[EffectKind];

export function effectKey(kind: EffectKind, stripeCustomerId: string, ...transition: string[]): string {
  return [kind, stripeCustomerId, ...transition].join(':');
}
