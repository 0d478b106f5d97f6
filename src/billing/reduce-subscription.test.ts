import { describe, expect, it } from 'vitest';
import { applyAll, BILLING_CTX, iso } from '../../test/factories/billing.ts';
import {
  customerObject,
  DAY,
  stripeEvent,
  subscriptionObject,
  Timeline,
} from '../../test/factories/stripe-events.ts';
import { reduce } from './reduce.ts';

const T = 1_767_607_200;
/** A linked customer, so that late subscription events do not open missing_link. */
const linked = stripeEvent(
  'customer.created',
  customerObject({ id: 'cus_1', created: T, userId: 'user_1' }),
  {
    id: 'evt_0000',
    created: T,
  },
);

function subEvent(
  type: string,
  id: string,
  created: number,
  patch: Record<string, unknown> = {},
  previous?: object,
) {
  const object = subscriptionObject({
    id: 'sub_1',
    customerId: 'cus_1',
    status: 'active',
    priceId: 'price_pro_monthly',
    interval: 'month',
    amount: 2900,
    created: T,
    periodStart: T,
    periodEnd: T + 31 * DAY,
    ...patch,
  });
  return stripeEvent(type, object, {
    id,
    created,
    previous: previous as Record<string, unknown> | undefined,
  });
}

describe('subscription events', () => {
  it('customer.subscription.created maps the price to a plan and reads the period from the items', () => {
    const { record } = applyAll([subEvent('customer.subscription.created', 'evt_1', T)]);
    expect(record.subscription).toMatchObject({
      id: 'sub_1',
      status: 'active',
      priceId: 'price_pro_monthly',
      planId: 'pro',
      planName: 'Pro',
      interval: 'month',
      currentPeriodEnd: iso(T + 31 * DAY),
      cancelAtPeriodEnd: false,
    });
    expect(record.watermarks.subscription).toEqual({ created: T, rank: 400, eventId: 'evt_1' });
  });

  it('an older snapshot never overwrites a newer one', () => {
    const newer = subEvent(
      'customer.subscription.updated',
      'evt_2',
      T + 100,
      { status: 'past_due' },
      { status: 'active' },
    );
    const older = subEvent('customer.subscription.updated', 'evt_1', T + 50, { status: 'active' });
    const { record } = applyAll([newer, older]);
    expect(record.subscription?.stripeStatus).toBe('past_due');
    expect(record.watermarks.subscription?.eventId).toBe('evt_2');
  });

  it('in a same-second tie the snapshot further along the lifecycle wins, whatever the event ids', () => {
    const created = subEvent('customer.subscription.created', 'evt_b', T, { status: 'incomplete' });
    const active = subEvent(
      'customer.subscription.updated',
      'evt_a',
      T,
      { status: 'active' },
      { status: 'incomplete' },
    );
    expect(applyAll([created, active]).record.subscription?.status).toBe('active');
    expect(applyAll([active, created]).record.subscription?.status).toBe('active');
  });

  it('a status change in previous_attributes dates statusSince', () => {
    const events = [
      linked,
      subEvent('customer.subscription.created', 'evt_1', T, { status: 'trialing', trialEnd: T + 14 * DAY }),
      subEvent(
        'customer.subscription.updated',
        'evt_2',
        T + 14 * DAY,
        { status: 'active' },
        { status: 'trialing' },
      ),
      subEvent(
        'customer.subscription.updated',
        'evt_3',
        T + 20 * DAY,
        { status: 'active' },
        { metadata: {} },
      ),
    ];
    expect(applyAll(events).record.subscription?.statusSince).toBe(iso(T + 14 * DAY));
  });

  it('customer.subscription.deleted ends the subscription and access', () => {
    const ended = T + 10 * DAY;
    const { record } = applyAll([
      linked,
      subEvent('customer.subscription.created', 'evt_1', T),
      subEvent('customer.subscription.deleted', 'evt_2', ended, {
        status: 'canceled',
        canceledAt: ended,
        endedAt: ended,
      }),
    ]);
    expect(record.subscription).toMatchObject({ status: 'canceled', endedAt: iso(ended) });
    expect(record.access).toEqual({ hasAccess: false, reason: 'canceled', since: iso(ended) });
  });

  it('paused removes access and resumed restores it', () => {
    const paused = subEvent('customer.subscription.paused', 'evt_2', T + DAY, { status: 'paused' });
    const resumed = subEvent('customer.subscription.resumed', 'evt_3', T + 2 * DAY, { status: 'active' });
    const start = subEvent('customer.subscription.created', 'evt_1', T);
    expect(applyAll([linked, start, paused]).record.access.hasAccess).toBe(false);
    expect(applyAll([linked, start, paused, resumed]).record.access).toMatchObject({
      hasAccess: true,
      reason: 'active',
    });
  });

  it('a deletion of an old subscription does not hide the newer active one', () => {
    const oldSub = (type: string, id: string, at: number, status: string) =>
      stripeEvent(
        type,
        subscriptionObject({
          id: 'sub_0',
          customerId: 'cus_1',
          status,
          priceId: 'price_starter_monthly',
          interval: 'month',
          amount: 900,
          created: T - 40 * DAY,
          periodStart: T - 10 * DAY,
          periodEnd: T + 20 * DAY,
          endedAt: status === 'canceled' ? at : null,
        }),
        { id, created: at },
      );
    const { record } = applyAll([
      linked,
      oldSub('customer.subscription.created', 'evt_0', T - 40 * DAY, 'active'),
      subEvent('customer.subscription.created', 'evt_1', T),
      oldSub('customer.subscription.deleted', 'evt_2', T + DAY, 'canceled'),
    ]);
    expect(record.subscription).toMatchObject({ id: 'sub_1', status: 'active', planId: 'pro' });
  });

  it('an unknown price keeps the subscription but no plan, and alerts once', () => {
    const event = subEvent('customer.subscription.created', 'evt_1', T, { priceId: 'price_mystery' });
    const out = reduce(null, event, BILLING_CTX);
    expect(out.record.subscription).toMatchObject({ priceId: 'price_mystery', planId: null });
    expect(out.effects.map((e) => e.key)).toEqual(['alert.notify:cus_1:unknown_price:price_mystery']);
  });
});

describe('customer.subscription.trial_will_end', () => {
  it('e-mails the customer while the subscription is still trialing', () => {
    const tl = new Timeline({ customerId: 'cus_1' });
    tl.customerCreated().wait(1);
    tl.newSubscription('trialing', { trialDays: 14 });
    tl.subEvent('customer.subscription.created');
    tl.wait(11 * DAY).subEvent('customer.subscription.trial_will_end');
    const { effects } = applyAll(tl.events);
    const email = effects.find((e) => e.kind === 'email.send');
    expect(email).toMatchObject({
      key: `email.send:cus_1:trial_will_end:sub_1:${tl.sub?.trialEnd}`,
      payload: { template: 'trial_will_end', to: tl.email, facts: { trialEnd: iso(tl.sub?.trialEnd ?? 0) } },
    });
  });

  it('says nothing when a newer snapshot shows the trial already over', () => {
    const tl = new Timeline({ customerId: 'cus_1' });
    tl.customerCreated().wait(1);
    tl.newSubscription('trialing', { trialDays: 14 });
    tl.subEvent('customer.subscription.created');
    const warn = tl
      .wait(11 * DAY)
      .subEvent('customer.subscription.trial_will_end')
      .events.at(-1);
    tl.wait(3 * DAY).subEvent('customer.subscription.updated', { status: 'active' }, { status: 'trialing' });
    const early = tl.events.filter((e) => e !== warn);
    const { record } = applyAll(early);
    const late = reduce(record, warn!, BILLING_CTX);
    expect(late.effects).toEqual([]);
  });
});
