// What needs a person. Each issue is derived from the facts (so it does not depend on delivery order)
// and has a stable key: a person resolves that key, and only a new issue (a new key) reopens review.
//
//   missing_link            no auth user is linked although the facts show one should be by now: a
//                           completed checkout without client_reference_id, a renewal or other
//                           non-first invoice, a subscription event 10+ minutes after the
//                           subscription began, a refund or a dispute. The first subscription events
//                           and invoice of a checkout do not count: Stripe sends them before
//                           checkout.session.completed, which usually carries the link.
//                           A later link clears this issue by itself (it is the fact that was missing).
//   conflicting_auth_user   two auth users claim the customer. Stays until a person resolves it.
//   paid_after_cancel       an invoice of a subscription was paid (amount > 0) more than 5 minutes
//                           after the subscription ended (the slack lets the final invoice of an
//                           immediate cancellation pass). Stays until resolved.
//   payment_disputed        a charge was disputed. Stays until resolved.
//   effect_failed           an effect (CRM, e-mail, handoff…) was dead-lettered (jobs/review.ts adds
//                           the failure to the facts). Stays until resolved.
import type { Facts, ReviewReason } from './record.ts';
import { compareVersions, type Version } from './version.ts';

export const PAID_AFTER_CANCEL_SLACK_SECONDS = 300;

export type OpenIssue = { key: string; reason: ReviewReason; trigger: Version };

/** Open issues, earliest trigger first. `authUserId` is the derived link (claims or a person's choice). */
export function openIssues(
  facts: Facts,
  authUserId: string | null,
  resolved: readonly string[],
): OpenIssue[] {
  const issues: OpenIssue[] = [];
  if (!authUserId && facts.missingLinkEvidence) {
    issues.push({ key: 'missing_link', reason: 'missing_link', trigger: facts.missingLinkEvidence });
  }
  const claims = [...facts.claims].sort((a, b) => compareVersions(a.v, b.v));
  const second = claims[1];
  if (second) {
    const users = claims.map((c) => c.authUserId).sort();
    issues.push({
      key: `conflicting_auth_user:${users.join(',')}`,
      reason: 'conflicting_auth_user',
      trigger: second.v,
    });
  }
  for (const sub of facts.subscriptions) {
    const latest = sub.entries.at(-1);
    const endedAt = latest?.status === 'canceled' ? (latest.endedAt ?? latest.canceledAt) : null;
    if (endedAt !== null && endedAt !== undefined && sub.lastPaid) {
      if (sub.lastPaid.paidAt > endedAt + PAID_AFTER_CANCEL_SLACK_SECONDS) {
        issues.push({
          key: `paid_after_cancel:${sub.lastPaid.invoiceId}`,
          reason: 'paid_after_cancel',
          trigger: sub.lastPaid.v,
        });
      }
    }
  }
  for (const d of facts.disputes) {
    issues.push({ key: `payment_disputed:${d.id}`, reason: 'payment_disputed', trigger: d.v });
  }
  for (const f of facts.effectFailures ?? []) {
    const key = `effect:${f.key}`;
    issues.push({ key, reason: 'effect_failed', trigger: { created: f.at, rank: 0, eventId: key } });
  }
  const done = new Set(resolved);
  return issues
    .filter((i) => !done.has(i.key))
    .sort((a, b) => compareVersions(a.trigger, b.trigger) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
