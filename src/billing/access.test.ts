import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AccessInputs, access, accessAt } from './access.ts';
import { emptyRecord, type SubscriptionView } from './record.ts';
import { DAY_SECONDS, toIso, toUnix } from './version.ts';

const T0 = toUnix('2026-03-01T00:00:00Z');
const GRACE = 7;

function sub(patch: Partial<SubscriptionView> = {}): SubscriptionView {
  return {
    id: 'sub_1',
    status: 'active',
    stripeStatus: patch.status ?? 'active',
    statusSince: toIso(T0),
    priceId: 'price_pro_monthly',
    planId: 'pro',
    planName: 'Pro',
    interval: 'month',
    currentPeriodEnd: toIso(T0 + 30 * DAY_SECONDS),
    cancelAtPeriodEnd: false,
    cancelAt: null,
    canceledAt: null,
    endedAt: null,
    trialEnd: null,
    ...patch,
  };
}

function inputs(patch: Partial<SubscriptionView> | null, more: Partial<AccessInputs> = {}): AccessInputs {
  return { deleted: false, subscription: patch ? sub(patch) : null, firstFailedPaymentAt: null, ...more };
}

describe('access', () => {
  it.each([
    ['active', true, 'active'],
    ['trialing', true, 'trialing'],
    ['incomplete', false, 'incomplete'],
    ['incomplete_expired', false, 'incomplete_expired'],
    ['unpaid', false, 'unpaid'],
    ['paused', false, 'paused'],
    ['canceled', false, 'canceled'],
    ['some_future_status', false, 'unknown_status'],
  ])('a %s subscription gives access: %s (%s)', (status, hasAccess, reason) => {
    const decision = accessAt(inputs({ status }), T0 + DAY_SECONDS, GRACE);
    expect(decision).toMatchObject({ hasAccess, reason });
  });

  it('gives no access without a subscription', () => {
    expect(accessAt(inputs(null), T0, GRACE)).toEqual({
      hasAccess: false,
      reason: 'no_subscription',
      since: null,
    });
  });

  it('gives no access to a deleted customer even with an active subscription', () => {
    expect(accessAt(inputs({ status: 'active' }, { deleted: true }), T0, GRACE).hasAccess).toBe(false);
  });

  describe('past_due grace', () => {
    const failed = toIso(T0);
    const pastDue = inputs({ status: 'past_due', statusSince: failed }, { firstFailedPaymentAt: failed });

    it('keeps access one second before the grace period ends', () => {
      const decision = accessAt(pastDue, T0 + GRACE * DAY_SECONDS - 1, GRACE);
      expect(decision).toEqual({ hasAccess: true, reason: 'past_due_grace', since: failed });
    });

    it('ends access exactly graceDays after the first failed payment', () => {
      const decision = accessAt(pastDue, T0 + GRACE * DAY_SECONDS, GRACE);
      expect(decision).toEqual({
        hasAccess: false,
        reason: 'past_due_grace_expired',
        since: toIso(T0 + GRACE * DAY_SECONDS),
      });
    });

    it('counts the grace from the first failure of the streak, not from when past_due was reported', () => {
      const late = inputs(
        { status: 'past_due', statusSince: toIso(T0 + 2 * DAY_SECONDS) },
        { firstFailedPaymentAt: failed },
      );
      expect(accessAt(late, T0 + GRACE * DAY_SECONDS, GRACE).hasAccess).toBe(false);
    });

    it('with zero grace days, past_due means no access at once', () => {
      expect(accessAt(pastDue, T0, 0).hasAccess).toBe(false);
    });
  });

  describe('scheduled cancellation', () => {
    const end = T0 + 30 * DAY_SECONDS;
    const canceling = inputs({ cancelAtPeriodEnd: true, canceledAt: toIso(T0 + DAY_SECONDS) });

    it('keeps access until the period ends', () => {
      expect(accessAt(canceling, end - 1, GRACE)).toEqual({
        hasAccess: true,
        reason: 'cancel_at_period_end',
        since: toIso(T0 + DAY_SECONDS),
      });
    });

    it('ends access when the period ends, even before Stripe sends the deletion', () => {
      expect(accessAt(canceling, end, GRACE)).toEqual({
        hasAccess: false,
        reason: 'canceled',
        since: toIso(end),
      });
    });

    it('honours a cancel_at set to another time than the period end', () => {
      const at = T0 + 10 * DAY_SECONDS;
      const scheduled = inputs({ cancelAt: toIso(at) });
      expect(accessAt(scheduled, at - 1, GRACE).hasAccess).toBe(true);
      expect(accessAt(scheduled, at, GRACE).hasAccess).toBe(false);
    });
  });

  describe('under review', () => {
    it('returns the confirmed access, whatever the subscription says now', () => {
      const record = emptyRecord('cus_1');
      record.subscription = sub({ status: 'canceled' });
      record.review = {
        state: 'needs_review',
        reason: 'conflicting_auth_user',
        since: toIso(T0),
        issues: [{ key: 'conflicting_auth_user:a,b', reason: 'conflicting_auth_user', since: toIso(T0) }],
        confirmedAccess: { hasAccess: true, reason: 'active', since: toIso(T0 - DAY_SECONDS) },
      };
      expect(access(record, toIso(T0 + 90 * DAY_SECONDS), GRACE)).toEqual({
        hasAccess: true,
        reason: 'needs_review',
        since: toIso(T0),
      });
    });

    it('does not grant access that was not confirmed before the review', () => {
      const record = emptyRecord('cus_1');
      record.subscription = sub({ status: 'active' });
      record.review = {
        state: 'needs_review',
        reason: 'missing_link',
        since: toIso(T0),
        issues: [{ key: 'missing_link', reason: 'missing_link', since: toIso(T0) }],
        confirmedAccess: { hasAccess: false, reason: 'no_subscription', since: null },
      };
      expect(access(record, toIso(T0), GRACE).hasAccess).toBe(false);
    });
  });

  it('never grants access because of a failed payment', () => {
    const statuses = ['active', 'trialing', 'past_due', 'unpaid', 'incomplete', 'canceled', 'paused'];
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses),
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: 0, max: 14 }),
        fc.boolean(),
        (status, sinceDay, failDay, grace, cancel) => {
          const base = inputs({
            status,
            statusSince: toIso(T0 + sinceDay * DAY_SECONDS),
            cancelAtPeriodEnd: cancel,
          });
          const withFailure = { ...base, firstFailedPaymentAt: toIso(T0 + failDay * DAY_SECONDS) };
          const without = accessAt(base, T0, grace);
          const withIt = accessAt(withFailure, T0, grace);
          expect(withIt.hasAccess && !without.hasAccess).toBe(false);
        },
      ),
    );
  });
});
