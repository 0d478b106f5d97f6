import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIso, toUnix } from './version.ts';

describe('toIso', () => {
  it('gives what Date gives, on first use and from its cache, past the cache bound', () => {
    // Up to year 9999 and back to 1970: more distinct values than the cache holds, each asked twice.
    const seconds = fc.array(fc.integer({ min: 0, max: 253_402_300_799 }), { minLength: 1, maxLength: 500 });
    fc.assert(
      fc.property(seconds, (values) => {
        for (const s of [...values, ...values]) {
          expect(toIso(s)).toBe(new Date(s * 1000).toISOString());
          expect(toUnix(toIso(s))).toBe(s);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps null and undefined as null, and rejects a time Date cannot represent', () => {
    expect(toIso(null)).toBeNull();
    expect(toIso(undefined)).toBeNull();
    expect(() => toIso(Number.NaN)).toThrow(RangeError);
    expect(() => toIso(9e15)).toThrow(RangeError);
  });
});
