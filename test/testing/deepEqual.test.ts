import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepCopy, firstDifference } from '../../src/testing/check/deepEqual.js';

const data = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.double(),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.float32Array({ maxLength: 4 }),
    fc.float64Array({ maxLength: 4 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'b', '__proto__', 'constructor'), tie('value'), {
      maxKeys: 3,
      noNullPrototype: false,
    }),
  ),
}));

describe('deepCopy and firstDifference', () => {
  it('firstDifference(deepCopy(x), x) is null for JSON-like data with typed arrays, NaN and -0', () => {
    fc.assert(fc.property(data.value, (x) => firstDifference(deepCopy(x), x) === null));
  });

  it('deepCopy(x) shares no object with x, so changing the copy never changes x', () => {
    fc.assert(
      fc.property(data.value, (x) => {
        const seen = new Set<unknown>();
        const walk = (v: unknown): void => {
          if (typeof v === 'object' && v !== null) {
            seen.add(v);
            for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k]);
          }
        };
        walk(x);
        const copy = deepCopy(x);
        let shared = false;
        const check = (v: unknown): void => {
          if (typeof v === 'object' && v !== null) {
            if (seen.has(v)) shared = true;
            for (const k of Object.keys(v)) check((v as Record<string, unknown>)[k]);
          }
        };
        check(copy);
        return !shared;
      }),
    );
  });

  it('firstDifference names the path of a changed leaf', () => {
    const a = { candidates: [{ id: 'a', embedding: Float32Array.from([1, 2]) }, { id: 'b' }] };
    const b = deepCopy(a);
    const first = b.candidates[0] as { embedding: Float32Array };
    first.embedding[1] = 3;
    expect(firstDifference(b, a, 'request')).toBe('request.candidates[0].embedding[1]');
    const c = deepCopy(a);
    (c.candidates as unknown[]).reverse();
    expect(firstDifference(c, a, 'request')).toBe(
      'request.candidates[0] (keys id vs id,embedding)',
    );
  });

  it('firstDifference tells -0 from 0, a Float32Array from a Float64Array, and a missing key from undefined', () => {
    expect(firstDifference({ x: -0 }, { x: 0 })).toBe('(root).x');
    expect(firstDifference(Float32Array.of(1), Float64Array.of(1))).toBe('(root)');
    expect(firstDifference({ x: undefined }, {})).not.toBeNull();
    expect(firstDifference({ x: Number.NaN }, { x: Number.NaN })).toBeNull();
  });

  it('deepCopy keeps a "__proto__" key as an own property and never changes a prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<
      string,
      unknown
    >;
    const copy = deepCopy(input);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('deepCopy and firstDifference terminate on cyclic data', () => {
    const a: Record<string, unknown> = { id: 'a' };
    a.self = a;
    const copy = deepCopy(a);
    expect(copy.self).toBe(copy);
    expect(firstDifference(copy, a)).toBeNull();
  });
});
