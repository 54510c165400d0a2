import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import type { DeliveryOptions, ObserveEvent, UserState } from '../../src/index.js';
import { foldEntries } from '../../src/store/redis/foldEntries.js';
import { encodeEntry } from '../../src/store/redis/logEntry.js';
import { events, rb } from './fixtures.js';

/** One append as stored: its events and, sometimes, delivery options. */
interface Append {
  readonly events: ObserveEvent[];
  readonly options: DeliveryOptions | undefined;
}

/** The oracle: one `observe` per entry, as the store folded before entries were joined. */
function oneByOne(state: UserState, appends: readonly Append[]): UserState {
  let folded = state;
  for (const a of appends)
    folded =
      a.options === undefined
        ? rb.observe(folded, a.events)
        : rb.observe(folded, a.events, a.options);
  return folded;
}

/**
 * Appends as a stream consumer and other writers make them: events with event ids drawn from a
 * small set (so that ids repeat: producer retries, and ids the state's memory holds oldest, which
 * new ids push out), from two sources whose offsets mostly rise and sometimes go back
 * (redeliveries), one offset per event or one for the call, or no options.
 */
function appends(): fc.Arbitrary<Append[]> {
  const id = fc.oneof(
    fc.integer({ min: 0, max: 12 }).map((i) => `evt-${i}`),
    fc.integer({ min: 0, max: 3 }).map((i) => `old-${i}`),
  );
  const append = fc.record({
    events: events(),
    ids: fc.array(fc.option(id, { nil: undefined }), { maxLength: 6 }),
    source: fc.constantFrom('s{0}', 's{1}', undefined),
    step: fc.integer({ min: -3, max: 4 }),
    perEvent: fc.boolean(),
  });
  return fc.array(append, { minLength: 1, maxLength: 24 }).map((list) => {
    const last = new Map<string, number>();
    return list.map(({ events: given, ids, source, step, perEvent }) => {
      const withIds = given.map((event, i) =>
        ids[i] === undefined ? event : { ...event, eventId: ids[i] },
      );
      if (source === undefined) return { events: withIds, options: undefined };
      const from = Math.max(0, (last.get(source) ?? 0) + step);
      const offsets = withIds.map((_, i) => `1700000000000-${from + i}`);
      last.set(source, from + withIds.length);
      const offset = perEvent ? offsets : offsets[offsets.length - 1]!;
      return { events: withIds, options: { source, offset } };
    });
  });
}

/** A state whose id memory is nearly full, so that runs meet the memory's bound. */
function remembering(ids: number): UserState {
  let state = rb.emptyState();
  for (let i = 0; i < ids; i++)
    state = rb.observe(state, { item: { id: `old-${i}` }, at: i, eventId: `old-${i}` });
  return state;
}

describe('foldEntries', () => {
  it('gives exactly the state one observe per entry gives, on any mix of sources, offsets going back, repeated event ids and feedback', () => {
    fc.assert(
      fc.property(appends(), fc.constantFrom(0, 100, 126, 128), (list, memory) => {
        const start = remembering(memory);
        const entries = list.map((a, i) => encodeEntry(`t.${i}`, a.events, a.options));
        const folded = foldEntries('test', rb, start, entries);
        expect(rb.serializeState(folded!)).toBe(rb.serializeState(oneByOne(start, list)));
      }),
      { numRuns: 300 },
    );
  });

  it('folds consecutive entries of one source with rising offsets in one observe call, and names the entry the rebalancer refuses', () => {
    let calls = 0;
    const counting = {
      observe: (...args: Parameters<typeof rb.observe>) => {
        calls++;
        return rb.observe(...args);
      },
      emptyState: () => rb.emptyState(),
    };
    const impression = (i: number): ObserveEvent => ({ item: { id: `v${i}` }, at: i });
    const from = (i: number) => ({ source: 's{0}', offset: [`1700000000000-${i}`] });
    const entries = Array.from({ length: 16 }, (_, i) =>
      encodeEntry(`t.${i}`, [impression(i)], from(i)),
    );
    expect(foldEntries('test', counting, undefined, entries)?.impressions).toBe(16);
    expect(calls).toBe(1);
    // An entry written by another taxonomy's rebalancer, in the middle of a run.
    const refused = encodeEntry('t.x', [{ seeLess: { target: 'not-a-topic' }, at: 8 }], from(8));
    const mixed = [...entries.slice(0, 8), refused, ...entries.slice(9)];
    const error = (() => {
      try {
        foldEntries('test', rb, undefined, mixed);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RebalanceError);
    expect(error).toMatchObject({ code: 'state' });
    expect((error as Error).message).toMatch(
      /^test: the rebalancer refuses pending event log entry 8 /,
    );
  });
});
