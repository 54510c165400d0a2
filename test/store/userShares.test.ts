import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObserveEvent } from '../../src/index.js';
import { encodeRawEntry } from '../../src/store/redis/logEntry.js';
import type { SourcedEntry } from '../../src/store/redis/storedAppend.js';
import { userShares } from '../../src/store/redis/userShares.js';

/** Stream entries of a few users, in order, with unique offsets: 1 to 4 events each. */
const batches = fc
  .array(
    fc.record({
      user: fc.constantFrom('a', 'b', 'c'),
      events: fc.array(
        fc.record({
          id: fc.string({ minLength: 1, maxLength: 6 }),
          // Captions with characters of 1 to 4 bytes in UTF-8.
          caption: fc.string({ unit: 'grapheme', maxLength: 120 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    }),
    { maxLength: 40 },
  )
  .map((list) =>
    list.map(({ user, events }, i): SourcedEntry => {
      const parsed = events.map(({ id, caption }, k) => ({
        item: { id, caption },
        at: i * 10 + k,
      })) as unknown as ObserveEvent[];
      return {
        offset: `${1_700_000_000_000 + i}-${i % 3}`,
        userId: user,
        events: parsed,
        raw: parsed.map((e) => JSON.stringify(e)).join(','),
      };
    }),
  );

describe('userShares', () => {
  it('keeps each user’s entries in order, whole, within the events and bytes bounds (a share over a bound holds one entry)', () => {
    fc.assert(
      fc.property(
        batches,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 64, max: 8_192 }),
        fc.string({ maxLength: 60 }),
        (entries, maxEvents, maxBytes, source) => {
          const shares = userShares(entries, maxEvents, maxBytes);
          for (const user of ['a', 'b', 'c']) {
            const own = entries.filter((e) => e.userId === user);
            const mine = shares.filter((s) => s.userId === user);
            // In order and complete: the shares, one after the other, are the user's entries.
            expect(mine.flatMap((s) => s.events)).toEqual(own.flatMap((e) => e.events));
            expect(mine.flatMap((s) => s.offsets)).toEqual(
              own.flatMap((e) => e.events.map(() => e.offset)),
            );
            expect(mine.flatMap((s) => s.texts!)).toEqual(own.map((e) => e.raw));
            for (const share of mine) {
              if (share.texts!.length === 1) continue;
              // More than one entry: within both bounds, as stored.
              expect(share.events.length).toBeLessThanOrEqual(maxEvents);
              const entry = encodeRawEntry('aaaaaaaaaaaaaaaa.zzzz', share.texts!, {
                source,
                offset: share.offsets,
              });
              expect(Buffer.byteLength(entry, 'utf8')).toBeLessThanOrEqual(maxBytes);
            }
          }
          // An entry is never split: each offset lies in one share only.
          const owner = new Map<string, number>();
          shares.forEach((s, k) => {
            for (const o of s.offsets) {
              expect(owner.get(o) ?? k).toBe(k);
              owner.set(o, k);
            }
          });
        },
      ),
    );
  });

  it('gives a user whose entries fit the bounds one share, and splits a hot user’s entries only where a bound is reached', () => {
    const entries: SourcedEntry[] = Array.from({ length: 30 }, (_, i) => ({
      offset: `1-${i}`,
      userId: i % 3 === 0 ? 'cold' : 'hot',
      events: [
        { item: { id: `v${i}` }, at: i },
        { item: { id: `w${i}` }, at: i },
      ],
      raw: `{"item":{"id":"v${i}"},"at":${i}},{"item":{"id":"w${i}"},"at":${i}}`,
    }));
    // 10 entries of 2 events for the cold user, 20 for the hot one; at most 20 events a share.
    const shares = userShares(entries, 20, 65_536);
    expect(shares.map((s) => [s.userId, s.events.length])).toEqual([
      ['cold', 20],
      ['hot', 20],
      ['hot', 20],
    ]);
    // By bytes: entries of about 70 characters, shares of at most 400 characters.
    const bytes = userShares(entries, 1_000, 1_024 + 3 * 400);
    expect(bytes.every((s) => s.chars <= 400)).toBe(true);
    expect(bytes.filter((s) => s.userId === 'hot').length).toBeGreaterThan(1);
  });
});
