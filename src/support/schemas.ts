// The support API's inputs and outputs as zod schemas: routes.ts parses inputs with them, tests parse
// every response with them (so they cannot drift from the code), and the OpenAPI document is built
// from them.
import { z } from 'zod';
import { AccessViewSchema } from '../billing/openapi.ts';
import {
  AccessDecisionSchema,
  BillingRecordSchema,
  ReviewIssueSchema,
  ReviewSchema,
} from '../billing/record.ts';

const Timestamp = z.iso.datetime({ offset: true });
/** PostgreSQL text and jsonb cannot hold U+0000; refused here as a 4xx rather than failing the insert. */
const noNul = (s: z.ZodString) => s.refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');
const Note = noNul(z.string().trim().min(1).max(2000));

// ---- inputs ------------------------------------------------------------------------------------

export const CustomerSearchQuery = z.object({
  q: noNul(z.string().trim().min(1).max(320)).describe(
    'An e-mail, a Stripe customer id (cus_…) or an auth user id.',
  ),
});
export type CustomerSearchQuery = z.infer<typeof CustomerSearchQuery>;

export const StripeCustomerIdParam = z.object({
  stripeCustomerId: z.string().regex(/^cus_[A-Za-z0-9]{1,250}$/),
});
export const JobIdParam = z.object({ jobId: z.uuid() });
export const HandoffIdParam = z.object({ handoffId: z.string().regex(/^ho_[\w-]{1,100}$/) });

export const HandoffListQuery = z.object({ status: z.enum(['open', 'closed']).default('open') });
export type HandoffListQuery = z.infer<typeof HandoffListQuery>;

export const ResolveReviewBody = z.strictObject({
  note: Note.describe('Why the review is resolved; kept in the audit log.'),
  authUserId: noNul(z.string().min(1).max(200))
    .optional()
    .describe('The auth user who owns the customer, when the issue was a conflict or a missing link.'),
});
export type ResolveReviewBody = z.infer<typeof ResolveReviewBody>;

export const RedriveJobBody = z.strictObject({ note: Note.optional() });
export type RedriveJobBody = z.infer<typeof RedriveJobBody>;

export const CloseHandoffBody = z.strictObject({ note: Note.optional() });
export type CloseHandoffBody = z.infer<typeof CloseHandoffBody>;

// ---- outputs -----------------------------------------------------------------------------------

/**
 * The record as stored. A dead-lettered effect adds review issues with reason `effect_failed`, which
 * billing's closed REVIEW_REASONS does not list yet (jobs/review.ts); widened here until it does.
 */
const StoredReview = ReviewSchema.extend({
  reason: z.string().nullable(),
  issues: z.array(ReviewIssueSchema.extend({ reason: z.string() })),
});
export const StoredRecord = BillingRecordSchema.extend({ review: StoredReview });

export const CustomerSummary = z.object({
  stripeCustomerId: z.string(),
  email: z.string().nullable(),
  authUserId: z.string().nullable(),
  plan: z.string().nullable(),
  subscriptionStatus: z.string().nullable(),
  hasAccess: z.boolean(),
  reviewState: z.string(),
  updatedAt: Timestamp,
});
export const CustomerSearchResponse = z.object({ items: z.array(CustomerSummary) });

export const TimelineEvent = z.object({
  id: z.string(),
  type: z.string(),
  created: Timestamp,
  outcome: z.string(),
  source: z.string(),
  receivedAt: Timestamp,
  duplicateCount: z.number().int(),
  lastDuplicateAt: Timestamp.nullable(),
});

export const EffectLogEntry = z.object({
  id: z.uuid(),
  kind: z.string(),
  key: z.string(),
  status: z.enum(['pending', 'running', 'done', 'dead']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable(),
  runAt: Timestamp,
  createdAt: Timestamp,
  completedAt: Timestamp.nullable(),
  attemptLog: z.array(
    z.object({
      attempt: z.number().int(),
      outcome: z.string(),
      latencyMs: z.number().int(),
      error: z.string().nullable(),
      at: Timestamp,
    }),
  ),
});

export const TranscriptLine = z.object({ role: z.string(), text: z.string(), at: Timestamp });
export const ConversationView = z.object({
  id: z.string(),
  authUserId: z.string().nullable(),
  status: z.string(),
  turns: z.number().int(),
  handoffId: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  transcript: z.array(TranscriptLine),
});

export const HandoffSummary = z.object({
  id: z.string(),
  conversationId: z.string(),
  reason: z.string(),
  tag: z.string(),
  summary: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: Timestamp,
});

export const AuditEntry = z.object({
  id: z.number().int(),
  actor: z.string(),
  action: z.enum(['review.resolve', 'job.redrive', 'handoff.close']),
  targetType: z.enum(['customer', 'job', 'handoff']),
  targetId: z.string(),
  stripeCustomerId: z.string().nullable(),
  note: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  at: Timestamp,
});

export const CustomerProfileResponse = z.object({
  record: StoredRecord,
  access: AccessViewSchema,
  events: z.array(TimelineEvent),
  effects: z.array(EffectLogEntry),
  conversations: z.array(ConversationView),
  handoffs: z.array(HandoffSummary),
  audit: z.array(AuditEntry),
});

export const ReviewQueueResponse = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      stripeCustomerId: z.string(),
      email: z.string().nullable(),
      authUserId: z.string().nullable(),
      hasAccess: z.boolean(),
      reason: z.string().nullable(),
      since: Timestamp.nullable(),
      issues: StoredReview.shape.issues,
      confirmedAccess: AccessDecisionSchema.nullable(),
    }),
  ),
});

export const ResolveReviewResponse = z.object({
  outcome: z.literal('resolved'),
  review: StoredReview,
  access: AccessDecisionSchema,
  authUserId: z.string().nullable(),
  effects: z.number().int().describe('Effects queued by the change (CRM update, alerts, e-mails).'),
  auditId: z.number().int(),
});

export const RedriveJobResponse = z.object({
  outcome: z.literal('redriven'),
  job: z.object({
    id: z.uuid(),
    kind: z.string(),
    key: z.string(),
    status: z.literal('pending'),
    stripeCustomerId: z.string().nullable(),
    maxAttempts: z.number().int(),
  }),
  auditId: z.number().int(),
});

export const HandoffListResponse = z.object({
  items: z.array(
    HandoffSummary.extend({ authUserId: z.string().nullable(), stripeCustomerId: z.string().nullable() }),
  ),
});

export const HandoffDetailResponse = HandoffSummary.extend({
  authUserId: z.string().nullable(),
  stripeCustomerId: z.string().nullable(),
  transcript: z.array(TranscriptLine),
  snapshot: z.record(z.string(), z.unknown()).nullable(),
});

export const CloseHandoffResponse = z.object({
  outcome: z.literal('closed'),
  handoffId: z.string(),
  conversationId: z.string(),
  conversationReopened: z
    .boolean()
    .describe('False when the conversation had already moved on (a newer handoff, or already open).'),
  auditId: z.number().int(),
});
