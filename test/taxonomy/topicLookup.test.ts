import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopicLookup } from '../../src/taxonomy/TopicLookup.js';
import type { TopicRef } from '../../src/taxonomy/resolved.js';

describe('TopicLookup', () => {
  it('answers every lookup as the Map does, whatever the order and however ids collide in its memo (1,000 runs)', () => {
    // A small alphabet and short ids make memo collisions (same length and first character) common.
    const id = fc.string({
      unit: fc.constantFrom('a', 'b', 'c', 'é', '#'),
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(id, { maxLength: 12 }),
        fc.array(id, { maxLength: 200 }),
        (known, queries) => {
          const map = new Map<string, TopicRef>(
            known.map((t, i) => [
              t,
              { group: i % 3, recovery: i % 2 === 0 } as unknown as TopicRef,
            ]),
          );
          const lookup = new TopicLookup(map);
          for (const q of queries) expect(lookup.get(q)).toBe(map.get(q));
          // The same id as a different string object is found as well.
          for (const t of known) expect(lookup.get((t + ' ').slice(0, -1))).toBe(map.get(t));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
