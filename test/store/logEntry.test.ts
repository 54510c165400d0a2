import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeliveryOptions } from '../../src/index.js';
import { encodeEntry, encodeRawEntry } from '../../src/store/redis/logEntry.js';
import { events } from './fixtures.js';

/** Delivery options of every shape `observe` takes, with sources that JSON must escape. */
function deliveries(count: number): fc.Arbitrary<DeliveryOptions> {
  const offset = fc.oneof(
    fc.nat(),
    fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String),
    fc.tuple(fc.nat(), fc.nat()).map(([ms, seq]) => `${ms}-${seq}`),
  );
  return fc.record({
    source: fc.string({ minLength: 1, maxLength: 12, unit: 'binary' }),
    offset: fc.oneof(offset, fc.array(offset, { minLength: count, maxLength: count })),
  });
}

describe('encodeRawEntry', () => {
  it('encodeRawEntry(id, the events as JSON texts, options) is exactly the text encodeEntry makes of the events', () => {
    fc.assert(
      fc.property(
        events().chain((list) =>
          fc.tuple(fc.constant(list), deliveries(list.length), fc.integer({ min: 1, max: 3 })),
        ),
        ([list, options, parts]) => {
          // The events split into `parts` texts, as entries of one user in one batch arrive: one
          // event's JSON, or several joined without brackets.
          const texts: string[] = [];
          const size = Math.ceil(list.length / parts);
          for (let k = 0; k < list.length; k += size)
            texts.push(
              list
                .slice(k, k + size)
                .map((e) => JSON.stringify(e))
                .join(','),
            );
          const entry = encodeEntry('id.1', list, options);
          expect(encodeRawEntry('id.1', texts, options)).toBe(entry);
          // With the source's JSON made once for a batch, as a stream consumer passes it.
          const sourceJson = JSON.stringify(options.source);
          expect(encodeRawEntry('id.1', texts, options, sourceJson)).toBe(entry);
        },
      ),
    );
  });
});
