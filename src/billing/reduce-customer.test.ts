import { describe, expect, it } from 'vitest';
import { applyAll, BILLING_CTX } from '../../test/factories/billing.ts';
import {
  checkoutSessionObject,
  customerObject,
  disputeObject,
  stripeEvent,
} from '../../test/factories/stripe-events.ts';
import { emptyRecord } from './record.ts';
import { customerIdOf, reduce, SUPPORTED_EVENT_TYPES } from './reduce.ts';

const T = 1_767_607_200;
const cus = (patch: Parameters<typeof customerObject>[0] extends infer P ? Partial<P> : never = {}) =>
  customerObject({ id: 'cus_1', created: T, email: 'a@example.com', name: 'Ada', ...patch });

describe('customer events', () => {
  it('customer.created records e-mail and name', () => {
    const { record } = applyAll([stripeEvent('customer.created', cus(), { id: 'evt_1', created: T })]);
    expect(record).toMatchObject({
      stripeCustomerId: 'cus_1',
      email: 'a@example.com',
      name: 'Ada',
      deleted: false,
    });
  });

  it('customer metadata userId links the auth user', () => {
    const { record } = applyAll([
      stripeEvent('customer.created', cus({ userId: 'user_9' }), { id: 'evt_1', created: T }),
    ]);
    expect(record.authUserId).toBe('user_9');
  });

  it('a newer customer.updated replaces the e-mail; an older one arriving later does not', () => {
    const created = stripeEvent('customer.created', cus(), { id: 'evt_1', created: T });
    const newer = stripeEvent('customer.updated', cus({ email: 'new@example.com' }), {
      id: 'evt_3',
      created: T + 60,
    });
    const older = stripeEvent('customer.updated', cus({ email: 'old@example.com' }), {
      id: 'evt_2',
      created: T + 30,
    });
    const { record, outcomes } = applyAll([created, newer, older]);
    expect(record.email).toBe('new@example.com');
    expect(outcomes).toEqual(['applied', 'applied', 'stale']);
  });

  it('in a same-second tie, customer.updated wins over customer.created whatever the event ids', () => {
    const created = stripeEvent('customer.created', cus({ email: 'first@example.com' }), {
      id: 'evt_z',
      created: T,
    });
    const updated = stripeEvent('customer.updated', cus({ email: 'second@example.com' }), {
      id: 'evt_a',
      created: T,
    });
    expect(applyAll([created, updated]).record.email).toBe('second@example.com');
    expect(applyAll([updated, created]).record.email).toBe('second@example.com');
  });

  it('customer.deleted marks the record deleted for good', () => {
    const deleted = stripeEvent('customer.deleted', cus(), { id: 'evt_2', created: T + 10 });
    const lateUpdate = stripeEvent('customer.updated', cus(), { id: 'evt_3', created: T + 20 });
    const { record } = applyAll([deleted, lateUpdate]);
    expect(record.deleted).toBe(true);
    expect(record.access).toMatchObject({ hasAccess: false, reason: 'customer_deleted' });
  });

  it('a duplicate event id is a no-op with outcome stale and no effects', () => {
    const e = stripeEvent('customer.created', cus({ userId: 'user_1' }), { id: 'evt_1', created: T });
    const first = reduce(null, e, BILLING_CTX);
    const again = reduce(first.record, e, BILLING_CTX);
    expect(again).toEqual({ record: first.record, effects: [], outcome: 'stale' });
  });

  it('a duplicate is recognised after a jsonb round trip reorders the keys', () => {
    const e = stripeEvent('customer.created', cus(), { id: 'evt_1', created: T });
    const first = reduce(null, e, BILLING_CTX).record;
    const reordered = reverseKeys(first) as typeof first;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(first));
    expect(reduce(reordered, e, BILLING_CTX).outcome).toBe('stale');
  });
});

function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .reverse()
      .map(([k, x]) => [k, reverseKeys(x)]),
  );
}

describe('checkout.session.completed', () => {
  const session = (clientReferenceId: string | null) =>
    checkoutSessionObject({
      id: 'cs_1',
      customerId: 'cus_1',
      clientReferenceId,
      email: 'buyer@example.com',
      name: 'Buyer',
      subscriptionId: 'sub_1',
      amountTotal: 2900,
      paymentStatus: 'paid',
      created: T,
    });

  it('links client_reference_id and fills e-mail and name', () => {
    const { record } = applyAll([
      stripeEvent('checkout.session.completed', session('user_1'), { id: 'evt_1', created: T }),
    ]);
    expect(record).toMatchObject({ authUserId: 'user_1', email: 'buyer@example.com', name: 'Buyer' });
    expect(record.review.state).toBe('ok');
  });

  it('without client_reference_id or metadata it opens missing_link with an alert', () => {
    const out = reduce(
      null,
      stripeEvent('checkout.session.completed', session(null), { id: 'evt_1', created: T }),
      BILLING_CTX,
    );
    expect(out.outcome).toBe('needs_review');
    expect(out.record.review).toMatchObject({ state: 'needs_review', reason: 'missing_link' });
    expect(out.effects).toContainEqual(
      expect.objectContaining({ kind: 'alert.notify', key: 'alert.notify:cus_1:missing_link' }),
    );
  });

  it('the customer e-mail from Stripe wins over the checkout one', () => {
    const { record } = applyAll([
      stripeEvent('checkout.session.completed', session('user_1'), { id: 'evt_2', created: T + 5 }),
      stripeEvent('customer.created', cus(), { id: 'evt_1', created: T }),
    ]);
    expect(record.email).toBe('a@example.com');
  });
});

describe('routing', () => {
  it('customerIdOf reads the customer of each supported kind', () => {
    expect(customerIdOf(stripeEvent('customer.updated', cus(), { id: 'e', created: T }))).toBe('cus_1');
    const session = checkoutSessionObject({
      id: 'cs_1',
      customerId: 'cus_2',
      amountTotal: 0,
      paymentStatus: 'paid',
      created: T,
    });
    expect(customerIdOf(stripeEvent('checkout.session.completed', session, { id: 'e', created: T }))).toBe(
      'cus_2',
    );
  });

  it('customerIdOf is null for unsupported types and for a dispute with an unexpanded charge', () => {
    expect(
      customerIdOf(
        stripeEvent('product.created', { id: 'prod_1', customer: 'cus_1' }, { id: 'e', created: T }),
      ),
    ).toBe(null);
    const dispute = disputeObject({
      id: 'dp_1',
      chargeId: 'ch_1',
      paymentIntentId: 'pi_1',
      amount: 100,
      created: T,
    });
    expect(customerIdOf(stripeEvent('charge.dispute.created', dispute, { id: 'e', created: T }))).toBe(null);
    const expanded = { ...dispute, charge: { id: 'ch_1', customer: 'cus_7' } };
    expect(customerIdOf(stripeEvent('charge.dispute.created', expanded, { id: 'e', created: T }))).toBe(
      'cus_7',
    );
  });

  it('an unsupported event type is ignored and leaves the record alone', () => {
    const record = emptyRecord('cus_1');
    const out = reduce(
      record,
      stripeEvent('invoice.created', { id: 'in_1', customer: 'cus_1' }, { id: 'e', created: T }),
      BILLING_CTX,
    );
    expect(out).toEqual({ record, effects: [], outcome: 'ignored' });
  });

  it("another customer's event is ignored", () => {
    const record = emptyRecord('cus_1');
    const other = stripeEvent('customer.updated', customerObject({ id: 'cus_2', created: T }), {
      id: 'e',
      created: T,
    });
    expect(reduce(record, other, BILLING_CTX).outcome).toBe('ignored');
  });

  it('lists the event types it handles', () => {
    expect(SUPPORTED_EVENT_TYPES).toContain('invoice.payment_action_required');
    expect(SUPPORTED_EVENT_TYPES).toHaveLength(17);
  });
});
