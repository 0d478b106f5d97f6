import { describe, expect, it } from 'vitest';
import { emptyRecord } from '../billing/record.ts';
import { EFFECT_FAILED, withEffectFailure } from './review.ts';

const at = new Date('2026-03-01T10:00:00Z');

describe('withEffectFailure', () => {
  it('puts an ok record in needs_review, naming the failure and freezing the access it had', () => {
    const record = emptyRecord('cus_1');
    record.access = { hasAccess: true, reason: 'active', since: '2026-02-01T00:00:00.000Z' };
    const next = withEffectFailure(record, { issueKey: 'crm.upsertContact:cus_1:create#1', at });
    expect(next.review).toEqual({
      state: 'needs_review',
      reason: EFFECT_FAILED,
      since: at.toISOString(),
      issues: [
        { key: 'effect:crm.upsertContact:cus_1:create#1', reason: EFFECT_FAILED, since: at.toISOString() },
      ],
      confirmedAccess: record.access,
    });
  });

  it('keeps the earliest open issue as the review reason when the record is already under review', () => {
    const record = emptyRecord('cus_1');
    record.review = {
      state: 'needs_review',
      reason: 'payment_disputed',
      since: '2026-02-01T00:00:00.000Z',
      issues: [
        { key: 'payment_disputed:dp_1', reason: 'payment_disputed', since: '2026-02-01T00:00:00.000Z' },
      ],
      confirmedAccess: { hasAccess: true, reason: 'active', since: null },
    };
    const next = withEffectFailure(record, { issueKey: 'k#1', at });
    expect(next.review).toMatchObject({ reason: 'payment_disputed', since: '2026-02-01T00:00:00.000Z' });
    expect(next.review.issues.map((i) => i.key)).toEqual(['payment_disputed:dp_1', 'effect:k#1']);
  });

  it('changes nothing for an issue already open or already resolved by a person', () => {
    const once = withEffectFailure(emptyRecord('cus_1'), { issueKey: 'k#1', at });
    expect(withEffectFailure(once, { issueKey: 'k#1', at })).toBe(once);
    const resolved = emptyRecord('cus_1');
    resolved.operator.resolvedIssues = ['effect:k#1'];
    expect(withEffectFailure(resolved, { issueKey: 'k#1', at })).toBe(resolved);
  });
});
