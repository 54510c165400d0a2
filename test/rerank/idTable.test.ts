import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ArenaPool } from '../../src/scratch/Arena.js';
import { hashId32, IdTable, type IdHash } from '../../src/scratch/IdTable.js';

type Step = { op: 'add' | 'find'; id: string };

/** Runs `steps` against an IdTable and a Map, expecting the same answers. */
function agreesWithMap(steps: readonly Step[], hash: IdHash): IdTable {
  const arena = new ArenaPool().take();
  try {
    const adds = steps.filter((s) => s.op === 'add').length;
    const table = new IdTable(adds, arena, hash);
    const model = new Map<string, number>();
    for (const { op, id } of steps) {
      if (op === 'add') {
        const earlier = model.get(id);
        if (earlier === undefined) model.set(id, model.size);
        expect(table.add(id)).toBe(earlier ?? -1);
      } else expect(table.indexOf(id)).toBe(model.get(id) ?? -1);
    }
    expect(table.size).toBe(model.size);
    expect(table.ids.slice(0, table.size)).toEqual([...model.keys()]);
    return table;
  } finally {
    arena.release();
  }
}

// Short ids drawn from a small alphabet, so that lists repeat ids often; and long ids that differ
// only where the hash of a long id does not look, so that they collide.
const short = fc.string({
  unit: fc.constantFrom('a', 'b', 'c', '1', '2', 'é', '😀'),
  maxLength: 4,
});
const steps = fc.array(
  fc.record({
    op: fc.constantFrom('add' as const, 'add' as const, 'find' as const),
    id: fc.oneof(
      short,
      short.map((s) => `post-${s}-00000000000000-thumbnail`),
    ),
  }),
  { maxLength: 200, size: 'max' },
);

describe('IdTable', () => {
  it('numbers ids in order of arrival and finds earlier ones, like a Map (500 runs)', () => {
    fc.assert(
      fc.property(steps, (s) => {
        agreesWithMap(s, hashId32);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same answers when every id collides, and hands over to a Map (500 runs)', () => {
    fc.assert(
      fc.property(steps, (s) => {
        agreesWithMap(s, () => 7);
      }),
      { numRuns: 500 },
    );
  });

  it('stops probing a colliding table after a linear budget: 100 colliding ids degrade it, 100 ordinary ones do not', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `post-${i}`);
    const colliding = agreesWithMap(
      ids.map((id) => ({ op: 'add', id })),
      () => 0,
    );
    expect(colliding.degraded).toBe(true);
    const ordinary = agreesWithMap(
      ids.map((id) => ({ op: 'add', id })),
      hashId32,
    );
    expect(ordinary.degraded).toBe(false);
  });

  it('hashId32 spreads sequential ids over the low bits a 1,024-slot table indexes with', () => {
    const used = new Set<number>();
    for (let i = 0; i < 500; i++) used.add(hashId32(`c${i}`) & 1023);
    // 500 uniform picks of 1,024 slots hit about 404 distinct ones; far fewer means clustering.
    expect(used.size).toBeGreaterThan(370);
  });

  it('hashId32 spreads UUID-like ids, whose hash reads 16 of their 36 characters, as well', () => {
    const used = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const head = Math.imul(i + 1, 2654435761) >>> 0;
      used.add(
        hashId32(
          `${head.toString(16).padStart(8, '0')}-4b1c-9a7e-${i.toString(16).padStart(12, '0')}`,
        ) & 1023,
      );
    }
    expect(used.size).toBeGreaterThan(370);
  });

  it('long ids that differ only where the hash does not read still get told apart', () => {
    const ids = Array.from(
      { length: 300 },
      (_, i) => `item${String(i).padStart(6, '0')}${'-'.repeat(20)}cover-image`,
    );
    const table = agreesWithMap(
      [...ids, ...ids].map((id) => ({ op: 'add', id })),
      hashId32,
    );
    expect(table.size).toBe(300);
    expect(table.degraded).toBe(true);
  });
});
