// Real webhook payloads published by stripe-sync-engine, mostly API version 2020-03-02: older shapes
// than the ones we build (invoice.subscription at the top level, periods on the subscription).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BILLING_CTX } from '../../test/factories/billing.ts';
import { access } from './access.ts';
import { BillingRecordSchema, emptyRecord } from './record.ts';
import { customerIdOf, reduce, type StripeEventLike, SUPPORTED_EVENT_TYPES } from './reduce.ts';

const DIR = new URL('../../../shared/fixtures/stripe/events-2020/', import.meta.url).pathname;
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as StripeEventLike;

describe('events-2020 fixtures', () => {
  it('are all there', () => {
    expect(files.length).toBeGreaterThanOrEqual(70);
  });

  it.each(files)('%s reduces without throwing, into a valid JSON record', (file) => {
    const event = load(file);
    const customerId = customerIdOf(event) ?? 'cus_routed';
    const out = reduce(emptyRecord(customerId), event, BILLING_CTX);
    expect(['applied', 'stale', 'ignored', 'needs_review']).toContain(out.outcome);
    expect(BillingRecordSchema.parse(out.record)).toEqual(out.record);
    expect(JSON.parse(JSON.stringify(out.record))).toEqual(out.record);
    expect(() => access(out.record, '2026-01-01T00:00:00Z', 7)).not.toThrow();
  });

  it('every supported type present among them is applied, the rest ignored', () => {
    for (const file of files) {
      const event = load(file);
      const customerId = customerIdOf(event) ?? 'cus_routed';
      const { outcome } = reduce(emptyRecord(customerId), event, BILLING_CTX);
      const supported = (SUPPORTED_EVENT_TYPES as readonly string[]).includes(event.type);
      expect([file, outcome === 'ignored']).toEqual([file, !supported]);
    }
  });

  it('reads the legacy subscription shape: period end on the subscription, plan as price', () => {
    const out = reduce(null, load('subscription_created.json'), BILLING_CTX);
    expect(out.record.subscription).toMatchObject({
      id: 'sub_JdIzvfy6o5GZRd',
      status: 'active',
      priceId: 'price_1IDQm5JDPojXS6LNM31hxKzp',
      interval: 'month',
      currentPeriodEnd: new Date(1625740918 * 1000).toISOString(),
    });
  });

  it('reads the legacy invoice shape: subscription at the top level', () => {
    const out = reduce(null, load('invoice_paid.json'), BILLING_CTX);
    expect(out.record.facts.payments[0]).toMatchObject({
      subscriptionId: 'sub_JsuPyCPhXWfZar',
      status: 'succeeded',
    });
  });

  it('links the user from a legacy checkout session only when it carries client_reference_id', () => {
    const event = load('checkout_session_completed.json');
    const withRef = { ...event, data: { object: { ...event.data.object, client_reference_id: 'user_42' } } };
    expect(reduce(null, withRef, BILLING_CTX).record.authUserId).toBe('user_42');
    expect(reduce(null, event, BILLING_CTX).record.review.reason).toBe('missing_link');
  });
});
