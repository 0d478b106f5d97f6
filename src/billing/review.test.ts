import { describe, expect, it } from 'vitest';
import { applyAll, BILLING_CTX, iso } from '../../test/factories/billing.ts';
import { checkoutPaid, DAY, renew, scenario, Timeline } from '../../test/factories/stripe-events.ts';
import { access } from './access.ts';
import { linkAuthUser, resolveReview } from './operator.ts';
import { emptyRecord } from './record.ts';
import { reduce } from './reduce.ts';

const at = (unix: number) => ({ ...BILLING_CTX, at: iso(unix) });

/** A subscription the host app created through the API (no checkout), for a customer nobody linked. */
function apiSubscription(): Timeline {
  const tl = new Timeline({ customerId: 'cus_1', authUserId: null, link: 'metadata' });
  tl.customerCreated().wait(1);
  tl.newSubscription('incomplete');
  tl.subEvent('customer.subscription.created');
  tl.payInvoice({ reason: 'subscription_create', outcome: 'paid' });
  tl.subEvent('customer.subscription.updated', { status: 'active' }, { status: 'incomplete' });
  return tl;
}

describe('missing_link', () => {
  it('is not raised by the checkout events Stripe sends before checkout.session.completed', () => {
    const s = scenario.activeMonthly({ customerId: 'cus_1', authUserId: 'user_1' });
    const beforeSession = s.events.filter((e) => e.type !== 'checkout.session.completed');
    expect(applyAll(beforeSession).record.review.state).toBe('ok');
  });

  it('is raised by a checkout that names no user', () => {
    const tl = checkoutPaid(new Timeline({ customerId: 'cus_1', authUserId: null }));
    expect(applyAll(tl.events).record.review.reason).toBe('missing_link');
  });

  it('is raised by a renewal for a customer nobody linked', () => {
    const tl = apiSubscription();
    expect(applyAll(tl.events).record.review.state).toBe('ok');
    renew(tl);
    const out = applyAll(tl.events);
    expect(out.record.review).toMatchObject({ state: 'needs_review', reason: 'missing_link' });
    expect(out.effects.map((e) => e.key)).toContain('alert.notify:cus_1:missing_link');
  });

  it('is raised by a subscription event ten minutes after the subscription began', () => {
    const tl = apiSubscription();
    expect(applyAll(tl.events).record.review.state).toBe('ok');
    tl.wait(600).subEvent('customer.subscription.updated', {}, { metadata: {} });
    expect(applyAll(tl.events).record.review.reason).toBe('missing_link');
  });

  it('clears by itself when the user is linked later, and access follows the facts again', () => {
    const s = scenario.unlinkedCheckout({ customerId: 'cus_1' });
    const { record } = applyAll(s.events);
    const linked = linkAuthUser(record, 'user_1', 'api', at(s.end + 60));
    expect(linked.outcome).toBe('applied');
    expect(linked.record).toMatchObject({ authUserId: 'user_1', review: { state: 'ok', issues: [] } });
    expect(linked.record.access).toMatchObject({ hasAccess: true, reason: 'active' });
  });
});

describe('linkAuthUser', () => {
  it('links a customer the host app created before any Stripe event', () => {
    const out = linkAuthUser(emptyRecord('cus_9'), 'user_9', 'api', {
      ...at(1_767_607_200),
      email: 'u9@example.com',
    });
    expect(out).toMatchObject({
      outcome: 'applied',
      effects: [],
      record: { authUserId: 'user_9', email: 'u9@example.com' },
    });
  });

  it('is idempotent: the same link twice changes nothing', () => {
    const once = linkAuthUser(emptyRecord('cus_9'), 'user_9', 'api', at(1_767_607_200)).record;
    expect(linkAuthUser(once, 'user_9', 'api', at(1_767_607_900)).outcome).toBe('stale');
  });

  it("gives way to Stripe's e-mail", () => {
    const linked = linkAuthUser(emptyRecord('cus_1'), 'user_1', 'api', {
      ...at(1),
      email: 'host@example.com',
    }).record;
    const s = scenario.activeMonthly({
      customerId: 'cus_1',
      authUserId: 'user_1',
      email: 'stripe@example.com',
    });
    expect(applyAll(s.events, linked).record.email).toBe('stripe@example.com');
  });

  it('a second user opens conflicting_auth_user with a critical alert', () => {
    const s = scenario.activeMonthly({ customerId: 'cus_1', authUserId: 'user_1' });
    const out = linkAuthUser(applyAll(s.events).record, 'user_2', 'api', at(s.end + 60));
    expect(out.outcome).toBe('needs_review');
    expect(out.record.review.reason).toBe('conflicting_auth_user');
    expect(out.effects).toEqual([
      expect.objectContaining({ key: 'alert.notify:cus_1:conflicting_auth_user:user_1,user_2' }),
    ]);
  });
});

describe('review freeze and resolution', () => {
  it('freezes access while under review, and a resolution recomputes it from the facts', () => {
    const s = scenario.conflictingUsers({
      customerId: 'cus_1',
      authUserId: 'user_1',
      otherAuthUserId: 'user_2',
    });
    const tl = new Timeline({ customerId: 'cus_1' });
    const conflicted = applyAll(s.events).record;
    const cancelAt = s.end + DAY;
    tl.at(cancelAt);
    tl.newSubscription('active');
    tl.subEvent('customer.subscription.deleted', {
      status: 'canceled',
      canceledAt: cancelAt,
      endedAt: cancelAt,
    });
    const canceled = applyAll(tl.events, conflicted).record;
    expect(canceled.subscription?.status).toBe('canceled');
    expect(access(canceled, iso(cancelAt + 1), 7)).toMatchObject({ hasAccess: true, reason: 'needs_review' });

    const resolved = resolveReview(canceled, iso(cancelAt + 3600), { ...BILLING_CTX, authUserId: 'user_2' });
    expect(resolved.record).toMatchObject({ authUserId: 'user_2', review: { state: 'ok' } });
    expect(access(resolved.record, iso(cancelAt + 3600), 7)).toMatchObject({
      hasAccess: false,
      reason: 'canceled',
    });
  });

  it('a resolved issue stays closed through later events; a new claimant reopens review', () => {
    const s = scenario.conflictingUsers({
      customerId: 'cus_1',
      authUserId: 'user_1',
      otherAuthUserId: 'user_2',
    });
    const resolved = resolveReview(applyAll(s.events).record, iso(s.end + 60), BILLING_CTX).record;
    const tl = checkoutPaid(new Timeline({ customerId: 'cus_1', authUserId: 'user_1' }));
    const renewed = applyAll(renew(tl).events.slice(-2), resolved).record;
    expect(renewed.review.state).toBe('ok');
    const third = linkAuthUser(renewed, 'user_3', 'api', at(s.end + DAY));
    expect(third.record.review.issues.map((i) => i.key)).toEqual([
      'conflicting_auth_user:user_1,user_2,user_3',
    ]);
  });

  it('resolving with nothing open changes nothing', () => {
    const { record } = applyAll(scenario.activeMonthly({ customerId: 'cus_1' }).events);
    expect(resolveReview(record, record.asOf!, BILLING_CTX).outcome).toBe('stale');
  });
});

describe('paid_after_cancel', () => {
  function canceledThenPaid(delaySeconds: number) {
    const tl = checkoutPaid(new Timeline({ customerId: 'cus_1', authUserId: 'user_1' }));
    const openInvoice = tl.nextInvoiceId();
    tl.wait(10 * DAY).subEvent('customer.subscription.deleted', {
      status: 'canceled',
      canceledAt: tl.t,
      endedAt: tl.t,
    });
    tl.wait(delaySeconds).payInvoice({
      reason: 'subscription_cycle',
      outcome: 'paid',
      invoiceId: openInvoice,
    });
    return applyAll(tl.events);
  }

  it('an invoice paid days after its subscription ended opens review with an alert', () => {
    const out = canceledThenPaid(3 * DAY);
    expect(out.record.review).toMatchObject({ state: 'needs_review', reason: 'paid_after_cancel' });
    expect(out.effects.map((e) => e.key)).toContain('alert.notify:cus_1:paid_after_cancel:in_1_2');
    expect(out.record.access).toMatchObject({ hasAccess: false, reason: 'needs_review' });
  });

  it('the final invoice of an immediate cancellation, paid within minutes, is fine', () => {
    expect(canceledThenPaid(60).record.review.state).toBe('ok');
  });
});

describe('stale or foreign input to the operator actions', () => {
  it('reduce keeps a person’s resolution when later events arrive', () => {
    const s = scenario.disputed({ customerId: 'cus_1' });
    const resolved = resolveReview(applyAll(s.events).record, iso(s.end + 60), BILLING_CTX).record;
    const again = reduce(resolved, s.events.at(-1)!, BILLING_CTX);
    expect(again.outcome).toBe('stale');
    expect(resolved.operator.resolvedIssues).toEqual(['payment_disputed:dp_1_1']);
  });
});
