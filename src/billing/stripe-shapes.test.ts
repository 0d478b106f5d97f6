import { describe, expect, it } from 'vitest';
import { invoiceObject, subscriptionObject } from '../../test/factories/stripe-events.ts';
import { readInvoice, readSubscription } from './stripe-shapes.ts';

const T = 1_767_607_200;

describe('stripe shapes', () => {
  it('reads the subscription of a current invoice from parent.subscription_details', () => {
    const inv = invoiceObject({
      id: 'in_1',
      customerId: 'cus_1',
      subscriptionId: 'sub_1',
      status: 'paid',
      amountDue: 100,
      amountPaid: 100,
      billingReason: 'subscription_cycle',
      created: T,
      paidAt: T + 5,
      periodStart: T,
      periodEnd: T,
    });
    expect(readInvoice(inv)).toMatchObject({ subscriptionId: 'sub_1', paidAt: T + 5, amountPaid: 100 });
    const { parent: _parent, ...withoutParent } = inv;
    expect(readInvoice(withoutParent).subscriptionId).toBe('sub_1'); // from the line items
    expect(readInvoice({ id: 'in_2', subscription: { id: 'sub_2' } }).subscriptionId).toBe('sub_2'); // legacy, expanded
  });

  it('reads the payment intent from a legacy field or from the payments list', () => {
    expect(readInvoice({ id: 'in_1', payment_intent: 'pi_legacy' }).paymentIntentId).toBe('pi_legacy');
    const payments = {
      data: [
        { is_default: false, payment: { payment_intent: 'pi_old' } },
        { is_default: true, payment: { payment_intent: 'pi_default' } },
      ],
    };
    expect(readInvoice({ id: 'in_1', payments }).paymentIntentId).toBe('pi_default');
  });

  it('takes the period end from the items (the latest) and falls back to the subscription', () => {
    const sub = subscriptionObject({
      id: 'sub_1',
      customerId: 'cus_1',
      status: 'active',
      priceId: 'price_pro_monthly',
      interval: 'month',
      amount: 2900,
      created: T,
      periodStart: T,
      periodEnd: T + 100,
    });
    const items = sub.items as { data: Record<string, unknown>[] };
    const second = { ...items.data[0], current_period_end: T + 200 };
    expect(readSubscription({ ...sub, items: { data: [...items.data, second] } }).currentPeriodEnd).toBe(
      T + 200,
    );
    const legacy = {
      id: 'sub_2',
      status: 'active',
      current_period_end: T + 50,
      plan: { id: 'plan_x', interval: 'year' },
    };
    expect(readSubscription(legacy)).toMatchObject({
      currentPeriodEnd: T + 50,
      priceId: 'plan_x',
      interval: 'year',
    });
  });

  it('survives garbage without throwing', () => {
    expect(readSubscription({ items: 'nope', status: 7 })).toMatchObject({
      id: '',
      status: 'unknown',
      priceId: null,
    });
    expect(readInvoice({ lines: { data: [null, 3] }, parent: [] })).toMatchObject({
      subscriptionId: null,
      amountPaid: 0,
    });
  });
});
