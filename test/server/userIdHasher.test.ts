import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installRequestLog } from '../../src/server/logging/installRequestLog.js';
import { userIdHasher, type UserIdHasher } from '../../src/server/logging/userIdHasher.js';

const reference = (key: string, userId: string): string =>
  createHmac('sha256', Buffer.from(key, 'utf8')).update(userId, 'utf8').digest('hex').slice(0, 16);

describe('userIdHasher', () => {
  it('answers the keyed hash of every id, remembered, evicted or forgotten, in any order', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'ünï', '42');
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.boolean(), id), { maxLength: 40 }),
        (key, remembered, steps) => {
          const hasher = userIdHasher(key, remembered);
          for (const [forget, userId] of steps) {
            if (forget) hasher.forget(userId);
            else expect(hasher.hash(userId)).toBe(reference(key, userId));
          }
        },
      ),
    );
  });

  it('gives different hashes under different keys, and never the id itself', () => {
    const a = userIdHasher('key-a');
    const b = userIdHasher('key-b');
    expect(a.hash('user-1')).not.toBe(b.hash('user-1'));
    expect(a.hash('user-1')).toMatch(/^[0-9a-f]{16}$/);
    expect(a.hash('user-1')).not.toContain('user');
  });

  it('draws a random key when none is given: two servers do not link their lines', () => {
    expect(userIdHasher(undefined).hash('user-1')).not.toBe(userIdHasher(undefined).hash('user-1'));
    expect(userIdHasher('').hash('user-1')).not.toBe(reference('', 'user-1'));
  });
});

describe('the request log and erasure', () => {
  it('forgets a user erased by DELETE, and remembers users of other routes', async () => {
    const calls: string[] = [];
    const inner = userIdHasher('k');
    const spy: UserIdHasher = {
      hash: (userId) => {
        calls.push(`hash ${userId}`);
        return inner.hash(userId);
      },
      forget: (userId) => {
        calls.push(`forget ${userId}`);
        inner.forget(userId);
      },
    };
    const app = Fastify({ logger: false });
    const users = new WeakMap<object, string>();
    const note = (request: object, id: string): void => {
      users.set(request, id);
    };
    app.post('/v1/assess', (request) => {
      note(request, 'alice');
      return Promise.resolve({});
    });
    app.delete('/v1/users/:id', (request) => {
      note(request, 'alice');
      return Promise.resolve({});
    });
    installRequestLog(app, { request: () => undefined }, users, new WeakMap(), spy);
    await app.inject({ method: 'POST', url: '/v1/assess', payload: {} });
    expect(calls).toEqual(['hash alice']);
    await app.inject({ method: 'DELETE', url: '/v1/users/alice' });
    expect(calls).toEqual(['hash alice', 'hash alice', 'forget alice']);
    await app.close();
  });
});
