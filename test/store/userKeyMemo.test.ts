import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { userKeys } from '../../src/store/redis/keys.js';
import { userKeyMemo } from '../../src/store/redis/UserKeyMemo.js';

describe('userKeyMemo (a UserMemo of userKeys)', () => {
  it('gives the keys userKeys gives, whatever the ids and the order they come in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme' }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 8 }),
        (ids, capacity) => {
          const memo = userKeyMemo('p:', capacity);
          for (const id of ids) {
            expect(memo.get(id)).toEqual(userKeys('p:', id));
            expect(memo.size).toBeLessThanOrEqual(capacity);
          }
        },
      ),
    );
  });

  it('holds at most its capacity, the newest ids, and forgets an id at once', () => {
    const memo = userKeyMemo('p:', 2);
    const first = memo.get('a');
    expect(memo.get('a')).toBe(first);
    memo.get('b');
    memo.get('c');
    expect(memo.size).toBe(2);
    // 'a' made room: its keys are made again.
    expect(memo.get('a')).not.toBe(first);
    memo.forget('a');
    expect(memo.size).toBe(1);
  });
});
