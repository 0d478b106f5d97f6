import { describe, expect, it } from 'vitest';
import { applyAll, BILLING_CTX, iso } from '../../test/factories/billing.ts';
import {
  chargeObject,
  checkoutPaid,
  DAY,
  disputeObject,
  invoiceObject,
  paymentIntentObject,
  stripeEvent,
  Timeline,
} from '../../test/factories/stripe-events.ts';
import { reduce } from './reduce.ts';

/** A linked, active customer (checkout done), ready for more events. */
function active(): Timeline {
  return checkoutPaid(new Timeline({ customerId: 'cus_1', authUserId: 'user_1' }));
}

describe('invoice.paid', () => {
  it('records the payment, e-mails a confirmation, creates the CRM contact once, then names its user', () => {
    const { record, effects } = applyAll(active().events);
    expect(record.lastPayment).toMatchObject({
      status: 'succeeded',
      amount: 2900,
      currency: 'usd',
      invoiceId: 'in_1_1',
    });
    const keys = effects.map((e) => e.key);
    expect(keys).toEqual([
      'crm.upsertContact:cus_1:create',
      'email.send:cus_1:payment_confirmation:in_1_1',
      // checkout.session.completed (which carries the user) comes after the invoice in Stripe's order
      'crm.upsertContact:cus_1:linked:user_1',
    ]);
    expect(effects[0]).toMatchObject({
      kind: 'crm.upsertContact',
      payload: {
        action: 'create',
        trigger: 'first_payment',
        lifecycle: 'customer',
        planId: 'pro',
        email: '1@example.com',
      },
    });
    expect(effects[2]).toMatchObject({
      payload: { action: 'update', trigger: 'auth_user_linked', authUserId: 'user_1' },
    });
  });

  it('a $0 invoice (trial start) sends no confirmation and creates no CRM contact', () => {
    const tl = new Timeline({ customerId: 'cus_1' });
    tl.customerCreated().wait(1);
    tl.newSubscription('trialing', { trialDays: 7 });
    tl.subEvent('customer.subscription.created');
    tl.payInvoice({ reason: 'subscription_create', outcome: 'paid', amount: 0 });
    expect(applyAll(tl.events).effects).toEqual([]);
  });

  it('reads the subscription of a legacy invoice from its top-level field', () => {
    const tl = active();
    const legacy = invoiceObject({
      id: 'in_legacy',
      customerId: 'cus_1',
      subscriptionId: null,
      status: 'open',
      amountDue: 2900,
      amountPaid: 0,
      billingReason: 'subscription_cycle',
      created: tl.t + 31 * DAY,
      periodStart: tl.t,
      periodEnd: tl.t + 31 * DAY,
    });
    const failed = stripeEvent(
      'invoice.payment_failed',
      { ...legacy, subscription: tl.subscriptionId },
      {
        id: 'evt_legacy',
        created: tl.t + 31 * DAY,
      },
    );
    const { record } = applyAll([...tl.events, failed]);
    expect(record.subscription).toMatchObject({ status: 'past_due', stripeStatus: 'active' });
  });
});

describe('invoice.payment_failed', () => {
  it('starts the unpaid streak, reads the subscription as past_due and e-mails once per invoice', () => {
    const tl = active();
    const renewal = tl.sub!.periodEnd;
    tl.at(renewal);
    const invoiceId = tl.payInvoice({ reason: 'subscription_cycle', outcome: 'failed' });
    tl.wait(3 * DAY).payInvoice({ reason: 'subscription_cycle', outcome: 'failed', invoiceId, attempt: 2 });
    const { record, effects } = applyAll(tl.events);
    expect(record.firstFailedPaymentAt).toBe(iso(renewal));
    // The subscription update saying past_due has not arrived; the failed renewal must not read active.
    expect(record.subscription).toMatchObject({ status: 'past_due', stripeStatus: 'active' });
    expect(record.lastPayment).toMatchObject({ status: 'failed', invoiceId, failureReason: null });
    const mails = effects.filter((e) => e.kind === 'email.send' && e.payload.template === 'payment_failed');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.payload).toMatchObject({
      template: 'payment_failed',
      facts: { invoiceId, actionRequired: false, accessUntil: iso(renewal + 7 * DAY) },
    });
  });

  it('a later payment of the same invoice ends the streak', () => {
    const tl = active();
    tl.at(tl.sub!.periodEnd);
    const invoiceId = tl.payInvoice({ reason: 'subscription_cycle', outcome: 'failed' });
    tl.wait(2 * DAY).payInvoice({ reason: 'subscription_cycle', outcome: 'paid', invoiceId, attempt: 2 });
    const { record } = applyAll(tl.events);
    expect(record.firstFailedPaymentAt).toBe(null);
    expect(record.subscription?.status).toBe('active');
  });

  it('a failure delivered after the payment of its invoice sends no failure e-mail', () => {
    const tl = active();
    tl.at(tl.sub!.periodEnd);
    const invoiceId = tl.payInvoice({ reason: 'subscription_cycle', outcome: 'failed' });
    const failure = tl.events.slice(-2);
    tl.wait(DAY).payInvoice({ reason: 'subscription_cycle', outcome: 'paid', invoiceId, attempt: 2 });
    const inOrder = tl.events.filter((e) => !failure.includes(e));
    const { record } = applyAll(inOrder);
    const late = applyAll(failure, record);
    expect(late.effects.filter((e) => e.kind === 'email.send')).toEqual([]);
    expect(late.record.firstFailedPaymentAt).toBe(null);
  });

  it('invoice.payment_action_required counts as unpaid and asks the customer to act', () => {
    const tl = active();
    tl.at(tl.sub!.periodEnd);
    const invoiceId = tl.payInvoice({ reason: 'subscription_cycle', outcome: 'action_required' });
    const { record, effects } = applyAll(tl.events);
    expect(record.lastPayment?.status).toBe('action_required');
    expect(record.firstFailedPaymentAt).not.toBe(null);
    expect(effects.at(-1)).toMatchObject({
      key: `email.send:cus_1:payment_failed:${invoiceId}`,
      payload: { facts: { actionRequired: true, hostedInvoiceUrl: expect.stringContaining(invoiceId) } },
    });
  });
});

describe('payment intents, refunds and disputes', () => {
  const T = 1_767_607_200;

  it('payment_intent.payment_failed records the decline reason', () => {
    const pi = paymentIntentObject({
      id: 'pi_1',
      customerId: 'cus_1',
      amount: 500,
      status: 'requires_payment_method',
      created: T,
      declineCode: 'expired_card',
    });
    const { record } = applyAll([
      stripeEvent('payment_intent.payment_failed', pi, { id: 'evt_1', created: T }),
    ]);
    expect(record.lastPayment).toMatchObject({
      status: 'failed',
      amount: 500,
      paymentIntentId: 'pi_1',
      failureReason: 'expired_card',
    });
    // A one-off payment is not a subscription invoice: it does not start the grace clock.
    expect(record.firstFailedPaymentAt).toBe(null);
  });

  it('payment_intent.succeeded records the payment', () => {
    const pi = paymentIntentObject({
      id: 'pi_1',
      customerId: 'cus_1',
      amount: 500,
      status: 'succeeded',
      created: T,
    });
    const { record } = applyAll([stripeEvent('payment_intent.succeeded', pi, { id: 'evt_1', created: T })]);
    expect(record.lastPayment).toMatchObject({ status: 'succeeded', amount: 500, at: iso(T) });
  });

  it.each([
    [2900, 'refunded'],
    [1000, 'partially_refunded'],
  ])('charge.refunded of %i cents reads %s', (refunded, status) => {
    const charge = chargeObject({
      id: 'ch_1',
      customerId: 'cus_1',
      paymentIntentId: 'pi_1',
      amount: 2900,
      amountRefunded: refunded,
      created: T,
    });
    const { record } = applyAll([stripeEvent('charge.refunded', charge, { id: 'evt_1', created: T + DAY })]);
    expect(record.lastPayment).toMatchObject({ status, amount: refunded, chargeId: 'ch_1' });
  });

  it('a dispute routed to its customer opens review with a critical alert, access frozen', () => {
    const tl = active();
    const { record } = applyAll(tl.events);
    const dispute = disputeObject({
      id: 'dp_1',
      chargeId: 'ch_1_1_1',
      paymentIntentId: 'pi_1_1',
      amount: 2900,
      created: T,
    });
    const out = reduce(
      record,
      stripeEvent('charge.dispute.created', dispute, { id: 'evt_d', created: tl.t + DAY }),
      BILLING_CTX,
    );
    expect(out.outcome).toBe('needs_review');
    expect(out.record.lastPayment).toMatchObject({ status: 'disputed', failureReason: 'fraudulent' });
    expect(out.record.review).toMatchObject({ state: 'needs_review', reason: 'payment_disputed' });
    expect(out.record.access).toMatchObject({ hasAccess: true, reason: 'needs_review' });
    expect(out.effects).toEqual([
      expect.objectContaining({
        kind: 'alert.notify',
        key: 'alert.notify:cus_1:payment_disputed:dp_1',
        payload: expect.objectContaining({ severity: 'critical' }),
      }),
    ]);
  });
});
