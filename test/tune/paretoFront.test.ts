import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paretoFront } from '../../src/simulate/tune/paretoFront.js';

/** Oracle: a point is on the front when no other point is ≤ everywhere and < somewhere. */
function bruteForceFront(points: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  points.forEach((p, i) => {
    const dominated = points.some(
      (q, j) => j !== i && q.every((v, k) => v <= p[k]!) && q.some((v, k) => v < p[k]!),
    );
    if (!dominated) out.push(i);
  });
  return out;
}

describe('paretoFront', () => {
  it('paretoFront(points) equals the brute-force non-dominated filter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((d) =>
          fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: d, maxLength: d }), {
            maxLength: 40,
          }),
        ),
        (points) => {
          expect(paretoFront(points)).toEqual(bruteForceFront(points));
        },
      ),
    );
  });

  it('paretoFront keeps every copy of a non-dominated point', () => {
    expect(
      paretoFront([
        [1, 2],
        [2, 1],
        [1, 2],
        [2, 2],
      ]),
    ).toEqual([0, 1, 2]);
  });
});
