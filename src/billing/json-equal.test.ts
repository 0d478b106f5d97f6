import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneJson, jsonEqual } from './json-equal.ts';

describe('cloneJson', () => {
  it('copies any JSON value to an equal value that shares no object or array with it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = cloneJson(value);
        expect(copy).toEqual(value);
        expect(jsonEqual(copy, value)).toBe(true);
        const shared = (a: unknown, b: unknown): boolean => {
          if (typeof a !== 'object' || a === null) return false;
          if (a === b) return true;
          return Object.keys(a).some((k) =>
            shared((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
          );
        };
        expect(shared(copy, value)).toBe(false);
      }),
    );
  });

  it('keeps a "__proto__" key as data, as JSON.parse does', () => {
    const original = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const copy = cloneJson(original);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('a change to the copy leaves the original as it was', () => {
    const original = { a: [{ b: 1 }], c: { d: 'x' } };
    const copy = cloneJson(original);
    copy.a[0]!.b = 2;
    copy.c.d = 'y';
    expect(original).toEqual({ a: [{ b: 1 }], c: { d: 'x' } });
  });
});
