import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { dppGreedy } from '../../src/rerank/diversify/dppGreedy.js';
import { mmr } from '../../src/rerank/diversify/mmr.js';

/** Runs `call`, expecting a RebalanceError with code `argument`, the given path and message start. */
function expectArgumentError(call: () => unknown, api: string, path: string): RebalanceError {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(RebalanceError);
  const error = caught as RebalanceError;
  expect(error.code).toBe('argument');
  expect(error.path).toBe(path);
  expect(error.message.startsWith(`${api}: ${path} `)).toBe(true);
  expect(error.message).toMatch(/\(got .+\)$/);
  return error;
}

// Loose casts let the tests pass what TypeScript callers cannot, as JavaScript callers may.
const mmrLoose = mmr as (...args: unknown[]) => number[];
const dppLoose = dppGreedy as (...args: unknown[]) => number[];

describe('mmr validation', () => {
  const ok = [
    [1, 0],
    [0, 1],
  ];
  it.each([
    ['query', () => mmrLoose('abc', ok)],
    ['query', () => mmrLoose(new Int32Array(2), ok)],
    ['query[1]', () => mmrLoose([1, Number.NaN], ok)],
    ['embeddings', () => mmrLoose([1, 0], null)],
    [
      'embeddings[1]',
      () =>
        mmrLoose(
          [1, 0],
          [
            [1, 0],
            [1, 0, 0],
          ],
        ),
    ],
    ['embeddings[1]', () => mmrLoose([1, 0], [[1, 0], { length: 2 }])],
    ['embeddings[3]', () => mmrLoose([1, 0], [[1, 0], [0, 1], [1, 1], [1]])],
    ['embeddings[0][1]', () => mmrLoose([1, 0], [[1, Infinity]])],
    [
      'embeddings[1][0]',
      () =>
        mmrLoose(
          [1, 0],
          [
            [1, 0],
            ['1', 0],
          ],
        ),
    ],
    ['embeddings[1][1]', () => mmrLoose([1, 0], [[1, 0], new Float32Array([0, Number.NaN])])],
    ['options', () => mmrLoose([1, 0], ok, 3)],
    ['options.k', () => mmrLoose([1, 0], ok, { k: -1 })],
    ['options.k', () => mmrLoose([1, 0], ok, { k: 1.5 })],
    ['options.k', () => mmrLoose([1, 0], ok, { k: '2' })],
    ['options.lambda', () => mmrLoose([1, 0], ok, { lambda: 1.01 })],
    ['options.lambda', () => mmrLoose([1, 0], ok, { lambda: -0.01 })],
    ['options.lambda', () => mmrLoose([1, 0], ok, { lambda: Number.NaN })],
  ])('mmr throws RebalanceError code "argument" at %s', (path, call) => {
    expectArgumentError(call, 'mmr', path);
  });

  it('mmr names the rule and the value received', () => {
    const error = expectArgumentError(
      () => mmr([1, 0], ok, { lambda: 2 }),
      'mmr',
      'options.lambda',
    );
    expect(error.message).toBe('mmr: options.lambda must be a number in [0, 1] (got 2)');
    const length = expectArgumentError(() => mmr([1, 0], [[1, 0, 0]]), 'mmr', 'embeddings[0]');
    expect(length.message).toBe(
      'mmr: embeddings[0] must have length 2 like the others (got an array of length 3)',
    );
  });

  it('mmr accepts λ at 0 and 1 and k = 0', () => {
    expect(mmr([1, 0], ok, { lambda: 0 })).toHaveLength(2);
    expect(mmr([1, 0], ok, { lambda: 1 })).toEqual([0, 1]);
    expect(mmr([1, 0], ok, { k: 0 })).toEqual([]);
  });

  it('mmr(anything, anything, anything) returns indices or throws a RebalanceError with code "argument", nothing else', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (q, e, o) => {
        try {
          expect(Array.isArray(mmrLoose(q, e, o))).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(RebalanceError);
          expect((error as RebalanceError).code).toBe('argument');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('dppGreedy validation', () => {
  const kernel = [
    [1, 0.5],
    [0.5, 1],
  ];
  it.each([
    ['kernel', () => dppLoose(null, 2)],
    ['kernel', () => dppLoose('kernel', 2)],
    ['kernel', () => dppLoose(new Matrix(2, 3), 2)],
    ['kernel[1]', () => dppLoose([[1, 0], [0]], 2)],
    [
      'kernel[0]',
      () =>
        dppLoose(
          [
            [1, 0, 0],
            [0, 1, 0],
          ],
          2,
        ),
    ],
    [
      'kernel[1][0]',
      () =>
        dppLoose(
          [
            [1, 0],
            [Number.NaN, 1],
          ],
          2,
        ),
    ],
    [
      'kernel[0][1]',
      () =>
        dppLoose(
          [
            [1, Infinity],
            [0, 1],
          ],
          2,
        ),
    ],
    [
      'kernel[0][1]',
      () =>
        dppLoose(
          new Matrix([
            [1, Number.NaN],
            [0, 1],
          ]),
          2,
        ),
    ],
    [
      'kernel[0][1]',
      () =>
        dppLoose(
          [
            [1, 0.5],
            [0.6, 1],
          ],
          2,
        ),
    ],
    [
      'kernel[1][2]',
      () =>
        dppLoose(
          new Matrix([
            [1, 0, 0],
            [0, 1, 0.3],
            [0, 0.2, 1],
          ]),
          2,
        ),
    ],
    ['maxLength', () => dppLoose(kernel, -1)],
    ['maxLength', () => dppLoose(kernel, 1.5)],
    ['maxLength', () => dppLoose(kernel, undefined)],
    ['options', () => dppLoose(kernel, 2, 'wide')],
    ['options.window', () => dppLoose(kernel, 2, { window: 0 })],
    ['options.window', () => dppLoose(kernel, 2, { window: 2.5 })],
    ['options.epsilon', () => dppLoose(kernel, 2, { epsilon: 0 })],
    ['options.epsilon', () => dppLoose(kernel, 2, { epsilon: -1e-10 })],
    ['options.epsilon', () => dppLoose(kernel, 2, { epsilon: Infinity })],
    ['options.epsilon', () => dppLoose(kernel, 2, { epsilon: Number.NaN })],
  ])('dppGreedy throws RebalanceError code "argument" at %s', (path, call) => {
    expectArgumentError(call, 'dppGreedy', path);
  });

  it('dppGreedy names the rule for a row of the wrong length', () => {
    const error = expectArgumentError(
      () =>
        dppGreedy(
          [
            [1, 0, 0],
            [0, 1, 0],
          ],
          2,
        ),
      'dppGreedy',
      'kernel[0]',
    );
    expect(error.message).toBe(
      'dppGreedy: kernel[0] must have length 2 like the number of rows (a square kernel) (got an array of length 3)',
    );
  });

  it('dppGreedy names the asymmetric pair, the rule and the value received', () => {
    const error = expectArgumentError(
      () =>
        dppGreedy(
          [
            [1, 0.5],
            [0.6, 1],
          ],
          2,
        ),
      'dppGreedy',
      'kernel[0][1]',
    );
    expect(error.message).toBe(
      'dppGreedy: kernel[0][1] must equal kernel[1][0] = 0.6 within a relative 1e-9 (a kernel is symmetric) (got 0.5)',
    );
  });

  it('dppGreedy accepts asymmetry within a relative 1e-9 (rounding of r_i·S_ij·r_j) and rejects more', () => {
    expect(
      dppGreedy(
        [
          [1, 0.5],
          [0.5 + 1e-12, 1],
        ],
        2,
      ),
    ).toHaveLength(2);
    expect(
      dppGreedy(
        [
          [1e6, 5e5],
          [5e5 + 1e-4, 1e6],
        ],
        2,
      ),
    ).toHaveLength(2);
    expectArgumentError(
      () =>
        dppGreedy(
          [
            [1, 0.5],
            [0.5 + 1e-8, 1],
          ],
          2,
        ),
      'dppGreedy',
      'kernel[0][1]',
    );
  });

  it('dppGreedy turns a throwing get(i, j) into a RebalanceError with the entry path', () => {
    const hostile = {
      rows: 2,
      columns: 2,
      get(i: number, j: number): number {
        if (i === 1 && j === 0) throw new Error('boom');
        return i === j ? 1 : 0;
      },
    };
    let caught: unknown;
    try {
      dppGreedy(hostile, 2);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RebalanceError);
    expect((caught as RebalanceError).path).toBe('kernel[1][0]');
  });

  it('dppGreedy(anything, anything, anything) returns indices or throws a RebalanceError with code "argument", nothing else', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (k, m, o) => {
        try {
          expect(Array.isArray(dppLoose(k, m, o))).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(RebalanceError);
          expect((error as RebalanceError).code).toBe('argument');
        }
      }),
      { numRuns: 300 },
    );
  });
});
