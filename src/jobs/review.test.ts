import { describe, expect, it } from 'vitest';
import { scenario } from '../../test/factories/stripe-events.ts';
import { resolveReview } from '../billing/operator.ts';
import { DEFAULT_PLAN_CATALOGUE } from '../billing/plans.ts';
import type { BillingRecord } from '../billing/record.ts';
import { reduce } from '../billing/reduce.ts';
import { EFFECT_FAILED, withEffectFailure } from './review.ts';

const ctx = { catalogue: DEFAULT_PLAN_CATALOGUE, graceDays: 7 };

function recordOf(events: ReturnType<typeof scenario.activeMonthly>['events']): BillingRecord {
  let record: BillingRecord | null = null;
  for (const e of events) record = reduce(record, e, ctx).record;
  return record!;
}

describe('withEffectFailure', () => {
  it('puts an ok record in needs_review, naming the failure and freezing the access it had', () => {
    const s = scenario.activeMonthly({ customerId: 'cus_r1' });
    const record = recordOf(s.events);
    const at = new Date((s.end + 60) * 1000);
    const next = withEffectFailure(record, { issueKey: 'crm.upsertContact:cus_r1:create#1', at }, ctx);
    expect(next.review).toMatchObject({
      state: 'needs_review',
      reason: EFFECT_FAILED,
      since: at.toISOString(),
    });
    expect(next.review.issues.map((i) => i.key)).toEqual(['effect:crm.upsertContact:cus_r1:create#1']);
    expect(next.review.confirmedAccess?.hasAccess).toBe(true);
    expect(next.access.hasAccess).toBe(true);
  });

  it('keeps the earliest open issue as the review reason when the record is already under review', () => {
    const s = scenario.disputed({ customerId: 'cus_r2' });
    const record = recordOf(s.events);
    expect(record.review.reason).toBe('payment_disputed');
    const next = withEffectFailure(record, { issueKey: 'k#1', at: new Date((s.end + 60) * 1000) }, ctx);
    expect(next.review.reason).toBe('payment_disputed');
    expect(next.review.issues.map((i) => i.key)).toContain('effect:k#1');
  });

  it('survives later events until a person resolves it', () => {
    const s = scenario.activeMonthly({ customerId: 'cus_r3', renewals: 1 });
    const before = recordOf(s.events.slice(0, -3));
    const flagged = withEffectFailure(before, { issueKey: 'k#1', at: new Date((s.start + 60) * 1000) }, ctx);
    let record = flagged;
    for (const e of s.events.slice(-3)) record = reduce(record, e, ctx).record;
    expect(record.review.state).toBe('needs_review');
    expect(record.review.issues.map((i) => i.key)).toContain('effect:k#1');
    const resolved = resolveReview(record, new Date((s.end + 120) * 1000).toISOString(), ctx).record;
    expect(resolved.review.state).toBe('ok');
  });

  it('changes nothing for an issue already open or already resolved by a person', () => {
    const record = recordOf(scenario.activeMonthly({ customerId: 'cus_r4' }).events);
    const at = new Date();
    const once = withEffectFailure(record, { issueKey: 'k#1', at }, ctx);
    expect(withEffectFailure(once, { issueKey: 'k#1', at }, ctx)).toBe(once);
    const resolved = { ...record, operator: { ...record.operator, resolvedIssues: ['effect:k#1'] } };
    expect(withEffectFailure(resolved, { issueKey: 'k#1', at }, ctx)).toBe(resolved);
  });
});
