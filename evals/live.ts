// The customer's live state, read at assertion time through the APIs the host app and support staff
// use: the entitlement API (host key), the customer's own /v1/me/access (their chat token), and the
// support profile for the details an answer can mention (dates, amounts, payments).
import type { AccessView, EvalClient, SupportProfile } from './client.ts';
import type { Customer } from './seed.ts';

export type LiveRecord = SupportProfile['record'];

export type LiveState = {
  signedIn: boolean;
  access: AccessView | null;
  record: LiveRecord | null;
  readAt: string;
};

export async function readLive(client: EvalClient, customer: Customer): Promise<LiveState> {
  const readAt = new Date().toISOString();
  if (!customer.authUserId || !customer.token) return { signedIn: false, access: null, record: null, readAt };
  const [access, mine] = await Promise.all([
    client.access(customer.authUserId),
    client.myAccess(customer.token),
  ]);
  // The host's and the customer's view of access are one answer; if they ever differ, the eval
  // cannot say what "live" is and stops rather than grade against either.
  if (access.hasAccess !== mine.hasAccess || access.status !== mine.status)
    throw new Error(`entitlement and /v1/me/access disagree for ${customer.authUserId}`);
  const linked = access.reason !== 'no_billing_record';
  const profile =
    linked && customer.stripeCustomerId ? await client.profile(customer.stripeCustomerId) : null;
  return { signedIn: true, access, record: profile?.record ?? null, readAt };
}

export type Expectation = 'answer' | 'handoff' | 'sign_in' | 'decline';

/**
 * What a correct turn looks like for this live state (issue 5's contract): signed out -> "please
 * sign in"; no linked record, a record under review or in conflict, or a payment still being
 * processed (incomplete, action required) -> a handoff with no billing claim; otherwise an answer.
 */
export function expectationFor(live: LiveState): Expectation {
  if (!live.signedIn) return 'sign_in';
  if (!live.access || !live.record || live.access.reason === 'no_billing_record') return 'handoff';
  if (live.access.needsReview || live.record.review.state === 'needs_review') return 'handoff';
  if (live.record.subscription?.status === 'incomplete') return 'handoff';
  if (live.record.lastPayment?.status === 'action_required') return 'handoff';
  return 'answer';
}

/** What changed between two reads, for fresh-change cases ("" when nothing did). */
export function liveDiff(a: LiveState, b: LiveState): string {
  const view = (l: LiveState) => ({
    hasAccess: l.access?.hasAccess,
    status: l.record?.subscription?.status ?? 'none',
    plan: l.record?.subscription?.planId ?? null,
    cancelAtPeriodEnd: l.record?.subscription?.cancelAtPeriodEnd ?? false,
    review: l.record?.review.state ?? null,
    payments: l.record?.facts.payments.map((p) => p.status).join(',') ?? '',
  });
  const x = view(a);
  const y = view(b);
  return (Object.keys(x) as (keyof typeof x)[])
    .filter((k) => x[k] !== y[k])
    .map((k) => `${k}: ${String(x[k])} -> ${String(y[k])}`)
    .join('; ');
}
