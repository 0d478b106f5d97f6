// The canonical billing record of one Stripe customer: plain JSON (ISO times, integer minor units),
// stored whole as jsonb. Two layers:
//   - `facts`: what Stripe (and the link route) told us, merged so that the merge is commutative,
//     associative and idempotent (last-writer-wins by version, min/max, union). Delivery order and
//     duplicates therefore cannot change them.
//   - everything else: derived from `facts` (+ the operator's review decisions) by derive.ts on every
//     change, so it inherits that order independence. Never edit a derived field by hand.
import { z } from 'zod';
import { VersionSchema } from './version.ts';

const Iso = z.string();
const Unix = z.number().int();

export const OBJECT_KINDS = [
  'customer',
  'subscription',
  'invoice',
  'payment_intent',
  'charge',
  'dispute',
  'checkout_session',
] as const;
export const ObjectKindSchema = z.enum(OBJECT_KINDS);
export type ObjectKind = z.infer<typeof ObjectKindSchema>;

export const PAYMENT_STATUSES = [
  'failed',
  'action_required',
  'succeeded',
  'partially_refunded',
  'refunded',
  'disputed',
] as const;
export const PaymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

export const LinkSourceSchema = z.enum(['checkout', 'customer_metadata', 'api']);
export type LinkSource = z.infer<typeof LinkSourceSchema>;

export const REVIEW_REASONS = [
  'missing_link',
  'conflicting_auth_user',
  'paid_after_cancel',
  'payment_disputed',
  'effect_failed',
] as const;
export const ReviewReasonSchema = z.enum(REVIEW_REASONS);
export type ReviewReason = z.infer<typeof ReviewReasonSchema>;

// ---- facts -------------------------------------------------------------------------------------

/** One subscription snapshot, compacted to what access and the record need (unix seconds). */
export const SubscriptionEntrySchema = z.object({
  v: VersionSchema,
  /** The event created the subscription or changed its status (status in previous_attributes). */
  statusChange: z.boolean(),
  status: z.string(),
  priceId: z.string().nullable(),
  interval: z.string().nullable(),
  created: Unix.nullable(),
  currentPeriodStart: Unix.nullable(),
  currentPeriodEnd: Unix.nullable(),
  cancelAtPeriodEnd: z.boolean(),
  cancelAt: Unix.nullable(),
  canceledAt: Unix.nullable(),
  endedAt: Unix.nullable(),
  trialStart: Unix.nullable(),
  trialEnd: Unix.nullable(),
});
export type SubscriptionEntry = z.infer<typeof SubscriptionEntrySchema>;

export const SubscriptionFactsSchema = z.object({
  id: z.string(),
  /** Snapshots in version order, pruned by history.ts; the last one is the current snapshot. */
  entries: z.array(SubscriptionEntrySchema),
  /** The latest paid (amount > 0) invoice of this subscription; never pruned (paid_after_cancel). */
  lastPaid: z.object({ invoiceId: z.string(), paidAt: Unix, v: VersionSchema }).nullable(),
});
export type SubscriptionFacts = z.infer<typeof SubscriptionFactsSchema>;

/** One payment event (invoice, payment intent, charge refund, dispute), in version order. */
export const PaymentEntrySchema = z.object({
  v: VersionSchema,
  kind: z.enum(['invoice', 'payment_intent', 'charge', 'dispute']),
  objectId: z.string(),
  status: PaymentStatusSchema,
  /** Counts toward the unpaid streak (invoice payments only, so one-off purchases cannot shorten grace). */
  streak: z.enum(['success', 'failure']).nullable(),
  amount: z.number().int(),
  currency: z.string().nullable(),
  invoiceId: z.string().nullable(),
  paymentIntentId: z.string().nullable(),
  chargeId: z.string().nullable(),
  subscriptionId: z.string().nullable(),
  failureReason: z.string().nullable(),
  hostedInvoiceUrl: z.string().nullable(),
});
export type PaymentEntry = z.infer<typeof PaymentEntrySchema>;

export const ClaimSchema = z.object({ authUserId: z.string(), source: LinkSourceSchema, v: VersionSchema });
export type Claim = z.infer<typeof ClaimSchema>;

export const DisputeFactSchema = z.object({
  id: z.string(),
  v: VersionSchema,
  chargeId: z.string().nullable(),
  amount: z.number().int(),
  currency: z.string().nullable(),
  reason: z.string().nullable(),
});
export type DisputeFact = z.infer<typeof DisputeFactSchema>;

const ContactSchema = z.object({
  v: VersionSchema,
  email: z.string().nullable(),
  name: z.string().nullable(),
});

export const WatermarksSchema = z.object(
  Object.fromEntries(OBJECT_KINDS.map((k) => [k, VersionSchema.nullable()])) as Record<
    ObjectKind,
    z.ZodNullable<typeof VersionSchema>
  >,
);
export type Watermarks = z.infer<typeof WatermarksSchema>;

export const FactsSchema = z.object({
  /** Latest customer snapshot (last-writer-wins). */
  customer: ContactSchema.extend({ userId: z.string().nullable() }).nullable(),
  /** Latest e-mail/name seen elsewhere (checkout, invoices, the link route): a fallback only. */
  contact: ContactSchema.nullable(),
  /** Earliest deletion seen; deletion is final in Stripe. */
  deleted: VersionSchema.nullable(),
  subscriptions: z.array(SubscriptionFactsSchema),
  payments: z.array(PaymentEntrySchema),
  /** One claim per auth user, the earliest (by version) of its sources. */
  claims: z.array(ClaimSchema),
  disputes: z.array(DisputeFactSchema),
  /** Earliest payment with money in it: the CRM contact is created from this. */
  firstPaid: VersionSchema.nullable(),
  /** Earliest event proving a user link should exist by now (see review.ts). */
  missingLinkEvidence: VersionSchema.nullable(),
  /**
   * Effects dead-lettered for this customer (key unique per death; `at` unix seconds). A fact like
   * any other, so the review it opens survives every later re-derivation until a person resolves it.
   * Optional: records written before it existed read as [].
   */
  effectFailures: z.array(z.object({ key: z.string(), at: Unix })).optional(),
  /** Per object kind, the greatest version seen (for each object separately see the entries). */
  watermarks: WatermarksSchema,
  /** Greatest event `created` seen: "now" for the reducer, which has no clock. */
  maxCreated: Unix.nullable(),
  livemode: z.boolean().nullable(),
});
export type Facts = z.infer<typeof FactsSchema>;

// ---- derived -----------------------------------------------------------------------------------

export const AccessDecisionSchema = z.object({
  hasAccess: z.boolean(),
  reason: z.string(),
  since: Iso.nullable(),
});
export type AccessDecision = z.infer<typeof AccessDecisionSchema>;

export const SubscriptionViewSchema = z.object({
  id: z.string(),
  /** Stripe's status, except a failed renewal newer than the snapshot reads past_due (and a later payment active). */
  status: z.string(),
  stripeStatus: z.string(),
  statusSince: Iso.nullable(),
  priceId: z.string().nullable(),
  planId: z.string().nullable(),
  planName: z.string().nullable(),
  interval: z.string().nullable(),
  currentPeriodEnd: Iso.nullable(),
  cancelAtPeriodEnd: z.boolean(),
  cancelAt: Iso.nullable(),
  canceledAt: Iso.nullable(),
  endedAt: Iso.nullable(),
  trialEnd: Iso.nullable(),
});
export type SubscriptionView = z.infer<typeof SubscriptionViewSchema>;

export const LastPaymentSchema = z.object({
  status: PaymentStatusSchema,
  amount: z.number().int(),
  currency: z.string().nullable(),
  at: Iso,
  invoiceId: z.string().nullable(),
  paymentIntentId: z.string().nullable(),
  chargeId: z.string().nullable(),
  failureReason: z.string().nullable(),
});
export type LastPayment = z.infer<typeof LastPaymentSchema>;

export const ReviewIssueSchema = z.object({ key: z.string(), reason: ReviewReasonSchema, since: Iso });
export type ReviewIssue = z.infer<typeof ReviewIssueSchema>;

export const ReviewSchema = z.object({
  state: z.enum(['ok', 'needs_review']),
  /** The earliest open issue's reason. */
  reason: ReviewReasonSchema.nullable(),
  since: Iso.nullable(),
  issues: z.array(ReviewIssueSchema),
  /** Access computed from the facts known before the earliest open issue; what access() returns meanwhile. */
  confirmedAccess: AccessDecisionSchema.nullable(),
});
export type Review = z.infer<typeof ReviewSchema>;

/** Decisions a person made (resolveReview, linkAuthUser's caller); inputs, not derived. */
export const OperatorSchema = z.object({
  /** Issue keys a person has resolved; the same issue never reopens, a new one does. */
  resolvedIssues: z.array(z.string()),
  /** The auth user a person chose when several claimed this customer. */
  authUserId: z.string().nullable(),
  /** Latest resolution time (unix); access is evaluated no earlier than this. */
  at: Unix.nullable(),
});
export type Operator = z.infer<typeof OperatorSchema>;

export const BillingRecordSchema = z.object({
  schemaVersion: z.literal(1),
  stripeCustomerId: z.string(),
  authUserId: z.string().nullable(),
  /** Written by the CRM job once the contact exists; the reducer preserves it. */
  crmContactId: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  deleted: z.boolean(),
  livemode: z.boolean().nullable(),
  subscription: SubscriptionViewSchema.nullable(),
  lastPayment: LastPaymentSchema.nullable(),
  /** Start of the current unpaid streak (first failed invoice payment since the last paid one). */
  firstFailedPaymentAt: Iso.nullable(),
  /** Access at `asOf`; ask access(record, now) for any other time. */
  access: AccessDecisionSchema,
  /** Written by the support hand-off; the reducer preserves it. */
  supportThreadId: z.string().nullable(),
  review: ReviewSchema,
  watermarks: WatermarksSchema,
  /** Latest time the record knows of (event `created`, or a person's action). */
  asOf: Iso.nullable(),
  operator: OperatorSchema,
  facts: FactsSchema,
});
export type BillingRecord = z.infer<typeof BillingRecordSchema>;

export function emptyWatermarks(): Watermarks {
  return Object.fromEntries(OBJECT_KINDS.map((k) => [k, null])) as Watermarks;
}

export function emptyFacts(): Facts {
  return {
    customer: null,
    contact: null,
    deleted: null,
    subscriptions: [],
    payments: [],
    claims: [],
    disputes: [],
    firstPaid: null,
    missingLinkEvidence: null,
    effectFailures: [],
    watermarks: emptyWatermarks(),
    maxCreated: null,
    livemode: null,
  };
}

export function emptyRecord(stripeCustomerId: string): BillingRecord {
  return {
    schemaVersion: 1,
    stripeCustomerId,
    authUserId: null,
    crmContactId: null,
    email: null,
    name: null,
    deleted: false,
    livemode: null,
    subscription: null,
    lastPayment: null,
    firstFailedPaymentAt: null,
    access: { hasAccess: false, reason: 'no_subscription', since: null },
    supportThreadId: null,
    review: { state: 'ok', reason: null, since: null, issues: [], confirmedAccess: null },
    watermarks: emptyWatermarks(),
    asOf: null,
    operator: { resolvedIssues: [], authUserId: null, at: null },
    facts: emptyFacts(),
  };
}
