import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BILLING_CTX } from '../../test/factories/billing.ts';
import {
  buildLifecycle,
  deliveryArbitrary,
  lifecycleSpecArbitrary,
} from '../../test/factories/stripe-events.ts';
import { linkAuthUser } from './operator.ts';
import { emptyRecord } from './record.ts';
import { recordJson } from './record-json.ts';
import { reduce } from './reduce.ts';

describe('recordJson', () => {
  it('is JSON.stringify of every record along any delivery, whether its entries were written before or not', () => {
    const caseArb = lifecycleSpecArbitrary(12).chain((spec) =>
      deliveryArbitrary(buildLifecycle(spec, { customerId: 'cus_json' })),
    );
    fc.assert(
      fc.property(caseArb, (delivered) => {
        let record = emptyRecord('cus_json');
        expect(JSON.parse(recordJson(record))).toEqual(JSON.parse(JSON.stringify(record)));
        for (const event of delivered) {
          const out = reduce(record, event, BILLING_CTX);
          if (out.outcome === 'ignored') continue;
          record = out.record;
          // Compared as parsed values: the text puts the reused members last.
          expect(JSON.parse(recordJson(record))).toEqual(JSON.parse(JSON.stringify(record)));
        }
        // A record as read back from jsonb (all new objects, keys reordered) serialises the same.
        const read = JSON.parse(JSON.stringify(record)) as typeof record;
        expect(JSON.parse(recordJson(read))).toEqual(JSON.parse(JSON.stringify(record)));
        const linked = linkAuthUser(record, 'user_json', 'api', {
          ...BILLING_CTX,
          at: '2026-01-10T00:00:00.000Z',
        });
        expect(JSON.parse(recordJson(linked.record))).toEqual(JSON.parse(JSON.stringify(linked.record)));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps strings that need escaping, and leaves out an optional member that is absent', () => {
    const base = emptyRecord('cus_"quoted"\\\u2028');
    const record = {
      ...base,
      email: 'a"b\\c\n@example.com',
      facts: { ...base.facts, effectFailures: undefined },
    };
    const text = recordJson(record);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(record)));
    expect(text).not.toContain('effectFailures');
  });
});
