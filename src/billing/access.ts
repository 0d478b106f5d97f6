// The access rule: does this customer get the product right now, and why. Pure; `now` is an argument.
import type { AccessDecision, BillingRecord } from './record.ts';
import { DAY_SECONDS, toIso, toUnix } from './version.ts';

/** The record fields the rule reads; derive.ts also feeds it a view of the facts at an earlier time. */
export type AccessInputs = Pick<BillingRecord, 'deleted' | 'subscription' | 'firstFailedPaymentAt'>;

/**
 * Access at `nowIso`. While the record needs review, automation does not move access: the answer is
 * the access confirmed before the first open issue, with reason `needs_review`, until a person
 * resolves it (resolveReview).
 */
export function access(
  record: AccessInputs & Pick<BillingRecord, 'review'>,
  nowIso: string,
  graceDays: number,
): AccessDecision {
  if (record.review.state === 'needs_review') {
    return {
      hasAccess: record.review.confirmedAccess?.hasAccess ?? false,
      reason: 'needs_review',
      since: record.review.since,
    };
  }
  return accessAt(record, toUnix(nowIso), graceDays);
}

const yes = (reason: string, since: string | null): AccessDecision => ({ hasAccess: true, reason, since });
const no = (reason: string, since: string | null): AccessDecision => ({ hasAccess: false, reason, since });

/** The rule without the review freeze. `now` in unix seconds. */
export function accessAt(inputs: AccessInputs, now: number, graceDays: number): AccessDecision {
  const sub = inputs.subscription;
  if (inputs.deleted) return no('customer_deleted', sub?.endedAt ?? null);
  if (!sub) return no('no_subscription', null);
  const live = sub.status === 'active' || sub.status === 'trialing' || sub.status === 'past_due';
  if (live) {
    // A scheduled cancellation (at period end, or at a set time) keeps access until that moment.
    const cancelAt = sub.cancelAt ?? (sub.cancelAtPeriodEnd ? sub.currentPeriodEnd : null);
    if (cancelAt && now >= toUnix(cancelAt)) return no('canceled', cancelAt);
    if (cancelAt && sub.status !== 'past_due')
      return yes('cancel_at_period_end', sub.canceledAt ?? sub.statusSince);
  }
  switch (sub.status) {
    case 'active':
    case 'trialing':
      return yes(sub.status, sub.statusSince);
    case 'past_due':
      return pastDue(inputs, now, graceDays);
    case 'canceled':
      return no('canceled', sub.endedAt ?? sub.canceledAt ?? sub.statusSince);
    case 'incomplete':
    case 'incomplete_expired':
    case 'unpaid':
    case 'paused':
      return no(sub.status, sub.statusSince);
    default:
      return no('unknown_status', sub.statusSince);
  }
}

/**
 * past_due keeps access for `graceDays` from the start of the unpaid streak: the first failed
 * payment, or when the status became past_due if that is earlier (the grace never starts later than
 * the first sign of non-payment, so learning of a failure can only shorten it).
 */
function pastDue(inputs: AccessInputs, now: number, graceDays: number): AccessDecision {
  const since = inputs.subscription?.statusSince ?? null;
  const starts = [inputs.firstFailedPaymentAt, since].filter((x): x is string => x !== null).map(toUnix);
  // Stripe says past_due and we know nothing of when: the grace has just begun.
  if (starts.length === 0) return yes('past_due_grace', null);
  const start = Math.min(...starts);
  const graceEnd = start + graceDays * DAY_SECONDS;
  if (now < graceEnd) return yes('past_due_grace', since ?? toIso(start));
  return no('past_due_grace_expired', toIso(graceEnd));
}
