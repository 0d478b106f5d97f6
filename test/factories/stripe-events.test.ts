import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { customerIdOf } from '../../src/billing/reduce.ts';
import { allScenarios, buildLifecycle, LIFECYCLE_STEPS, scenario } from './stripe-events.ts';

describe('Stripe event factories', () => {
  const scenarios = allScenarios({ customerId: 'cus_fact', authUserId: 'user_fact' });

  it.each(scenarios.map((s) => [s.name, s] as const))(
    '%s lists its events in true order with unique ids',
    (_n, s) => {
      const created = s.events.map((e) => e.created);
      expect(created).toEqual([...created].sort((a, b) => a - b));
      expect(new Set(s.events.map((e) => e.id)).size).toBe(s.events.length);
      expect([s.start, s.end]).toEqual([created[0], created.at(-1)]);
      for (const e of s.events) {
        if (e.type !== 'charge.dispute.created') expect(customerIdOf(e)).toBe('cus_fact');
      }
    },
  );

  it('bursts share a second, as Stripe sends them', () => {
    const s = scenario.activeMonthly();
    const checkoutSecond = s.events.filter((e) => e.created === s.start + 1).map((e) => e.type);
    expect(checkoutSecond).toEqual([
      'customer.subscription.created',
      'payment_intent.succeeded',
      'invoice.paid',
      'customer.subscription.updated',
      'checkout.session.completed',
    ]);
  });

  it('is deterministic, and ids differ between customers', () => {
    expect(scenario.renewalFailsThenRecovers({ customerId: 'cus_a' })).toEqual(
      scenario.renewalFailsThenRecovers({ customerId: 'cus_a' }),
    );
    const a = new Set(scenario.activeMonthly({ customerId: 'cus_a' }).events.map((e) => e.id));
    expect(scenario.activeMonthly({ customerId: 'cus_b' }).events.some((e) => a.has(e.id))).toBe(false);
  });

  it('accepts a start as ISO string', () => {
    const s = scenario.activeMonthly({ start: '2026-06-01T12:00:00Z' });
    expect(s.start).toBe(Date.parse('2026-06-01T12:00:00Z') / 1000);
  });

  it('builds events that survive signing and verification with the stripe package', () => {
    const stripe = new Stripe('sk_test_factories');
    const secret = 'whsec_test_factories';
    for (const e of scenario.cancelNow().events) {
      const payload = JSON.stringify(e);
      const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
      const verified = stripe.webhooks.constructEvent(payload, header, secret);
      expect(verified.id).toBe(e.id);
    }
  });

  it('builds a generated lifecycle that uses every step kind somewhere', () => {
    const events = buildLifecycle({
      trial: false,
      steps: [
        'failRenewal',
        'retryFails',
        'recover',
        'changePlan',
        'refund',
        'cancelAtPeriodEnd',
        'periodEnds',
      ],
      gaps: [0, 3 * 86_400, 0, 86_400, 0, 3600, 0],
    });
    const types = new Set(events.map((e) => e.type));
    expect(types).toContain('invoice.payment_failed');
    expect(types).toContain('charge.refunded');
    expect(types).toContain('customer.subscription.deleted');
    expect(LIFECYCLE_STEPS.length).toBeGreaterThan(10);
  });
});
