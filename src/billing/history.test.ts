import { describe, expect, it } from 'vitest';
import { applyAll, iso } from '../../test/factories/billing.ts';
import { checkoutPaid, DAY, renew, Timeline } from '../../test/factories/stripe-events.ts';
import { HISTORY_WINDOW_SECONDS, pruneFacts } from './history.ts';

/** A customer renewed monthly for `months` months. */
function renewedFor(months: number): Timeline {
  const tl = checkoutPaid(new Timeline({ customerId: 'cus_h', authUserId: 'user_h' }));
  for (let i = 0; i < months; i++) renew(tl);
  return tl;
}

describe('history window', () => {
  it('keeps the stored history bounded however long the customer stays', () => {
    const year = applyAll(renewedFor(12).events).record;
    const twoYears = applyAll(renewedFor(24).events).record;
    const size = (r: typeof year) => r.facts.payments.length + r.facts.subscriptions[0]!.entries.length;
    expect(size(twoYears)).toBe(size(year));
    expect(JSON.stringify(twoYears).length).toBeLessThan(12_000);
  });

  it('drops only what no longer decides anything: the newest entries and the status change survive', () => {
    const tl = renewedFor(12);
    const { record } = applyAll(tl.events);
    const newest = record.facts.maxCreated!;
    const sub = record.facts.subscriptions[0]!;
    const old = sub.entries.filter((e) => e.v.created < newest - HISTORY_WINDOW_SECONDS);
    // The latest snapshot before the window, and the latest status change (incomplete -> active a year ago).
    expect(old.map((e) => e.statusChange)).toEqual([true, false]);
    expect(record.subscription?.statusSince).toBe(iso(tl.start + 1));
  });

  it('hands back what it drops nothing from as it was, so unchanged parts stay shared', () => {
    const { record } = applyAll(renewedFor(12).events);
    // Pruned already: nothing more to drop, so the very same facts come back.
    expect(pruneFacts(record.facts)).toBe(record.facts);
    // One old payment entry more than the window keeps: only the payments list is rebuilt.
    const oldest = record.facts.payments[0]!;
    const stale = { ...oldest, v: { ...oldest.v, created: oldest.v.created - 1, eventId: 'evt_h_older' } };
    const facts = { ...record.facts, payments: [stale, ...record.facts.payments] };
    const pruned = pruneFacts(facts);
    expect(pruned.payments).toEqual(record.facts.payments);
    expect(pruned.subscriptions).toBe(record.facts.subscriptions);
  });

  it('keeps an unpaid streak older than the window, so the grace period does not restart', () => {
    const tl = renewedFor(1);
    tl.at(tl.sub!.periodEnd);
    const invoiceId = tl.payInvoice({ reason: 'subscription_cycle', outcome: 'failed' });
    const firstFailure = tl.t;
    tl.subEvent('customer.subscription.updated', { status: 'past_due' }, { status: 'active' });
    for (let i = 0; i < 5; i++)
      tl.wait(10 * DAY).payInvoice({ reason: 'subscription_cycle', outcome: 'failed', invoiceId });
    const { record } = applyAll(tl.events);
    expect(record.facts.maxCreated! - firstFailure).toBeGreaterThan(HISTORY_WINDOW_SECONDS);
    expect(record.firstFailedPaymentAt).toBe(iso(firstFailure));
    expect(record.lastPayment?.status).toBe('failed');
  });
});
