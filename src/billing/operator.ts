// Changes that come from people and the host app rather than Stripe: linking an auth user (the
// POST /v1/customers/link route) and resolving a review (support). Pure, like reduce; the caller
// passes the time. Both return what reduce returns, so callers persist and enqueue the same way.
import { type DeriveContext, deriveRecord } from './derive.ts';
import { addClaim, setContact } from './facts-merge.ts';
import type { BillingRecord, LinkSource } from './record.ts';
import { finish, type ReduceResult } from './reduce.ts';
import { openIssues } from './review.ts';
import { toUnix, type Version } from './version.ts';

export type LinkContext = DeriveContext & {
  /** When the link was made (the request time), ISO. Orders this claim against Stripe's. */
  at: string;
  /** An e-mail the host app knows; used only while Stripe has given none. */
  email?: string | null;
};

/**
 * Records that `authUserId` owns this Stripe customer. Linking the same user again changes nothing
 * (outcome 'stale'); a second, different user opens `conflicting_auth_user` with an alert. A link
 * clears `missing_link` by itself.
 */
export function linkAuthUser(
  record: BillingRecord,
  authUserId: string,
  source: LinkSource,
  ctx: LinkContext,
): ReduceResult {
  // addClaim and setContact replace the fields they change, so a shallow copy keeps `record` as it is.
  const facts = { ...record.facts };
  // The id makes the claim idempotent: the same link twice is the same fact.
  const v: Version = { created: toUnix(ctx.at), rank: 0, eventId: `link:${source}:${authUserId}` };
  addClaim(facts, authUserId, source, v);
  if (ctx.email) setContact(facts, ctx.email, null, { ...v, created: Number.MIN_SAFE_INTEGER });
  return finish(record, deriveRecord(record, facts, ctx), null, ctx.graceDays);
}

export type ResolveContext = DeriveContext & {
  /** The auth user a person chose, when the issue was a conflict (or the link was missing). */
  authUserId?: string;
};

/**
 * A person has looked at the open issues: they are closed (the same issue never reopens; a new one
 * does), the access freeze lifts, and access is recomputed from the facts as they stand at `atIso`.
 */
export function resolveReview(record: BillingRecord, atIso: string, ctx: ResolveContext): ReduceResult {
  const at = toUnix(atIso);
  const open = openIssues(record.facts, record.authUserId, record.operator.resolvedIssues).map((i) => i.key);
  const choice = ctx.authUserId ?? record.operator.authUserId;
  if (open.length === 0 && choice === record.operator.authUserId)
    return { record, effects: [], outcome: 'stale' };
  const operator = {
    resolvedIssues: [...new Set([...record.operator.resolvedIssues, ...open])].sort(),
    authUserId: choice,
    at: Math.max(record.operator.at ?? at, at),
  };
  return finish(record, deriveRecord({ ...record, operator }, record.facts, ctx), null, ctx.graceDays);
}
