import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { userIdHasher } from '../../src/server/logging/userIdHasher.js';

const reference = (key: string, userId: string): string =>
  createHmac('sha256', Buffer.from(key, 'utf8')).update(userId, 'utf8').digest('hex').slice(0, 16);

describe('userIdHasher', () => {
  it('answers the keyed hash of every id, remembered or not, whatever the order of ids', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'ünï', '42'), { maxLength: 40 }),
        (key, remembered, ids) => {
          const hash = userIdHasher(key, remembered);
          for (const id of ids) expect(hash(id)).toBe(reference(key, id));
        },
      ),
    );
  });

  it('gives different hashes under different keys, and never the id itself', () => {
    const a = userIdHasher('key-a');
    const b = userIdHasher('key-b');
    expect(a('user-1')).not.toBe(b('user-1'));
    expect(a('user-1')).toMatch(/^[0-9a-f]{16}$/);
    expect(a('user-1')).not.toContain('user');
  });

  it('draws a random key when none is given: two servers do not link their lines', () => {
    expect(userIdHasher(undefined)('user-1')).not.toBe(userIdHasher(undefined)('user-1'));
    expect(userIdHasher('')('user-1')).not.toBe(reference('', 'user-1'));
  });
});
