import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRebalancer,
  presets,
  parseState,
  serializeState,
  RebalanceError,
  type ObserveEvent,
  type UserState,
} from '../../src/index.js';

const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});

const TAGS = ['#thinspo', '#cooking', '#selfharm', '#edrecovery', '#music'];

/** `n` distinct events (ids e0…), impressions and now and then a "see less", times increasing. */
function distinctEvents(n: number, tags: readonly number[]): ObserveEvent[] {
  const out: ObserveEvent[] = [];
  for (let i = 0; i < n; i++) {
    const t = tags[i % tags.length]!;
    out.push(
      t === 5
        ? { seeLess: { target: 'pro-ana' }, at: i * 10_000, eventId: `e${i}` }
        : {
            item: { id: `v${i}`, hashtags: [TAGS[t]!] },
            at: i * 10_000,
            dwellMs: 5_000,
            eventId: `e${i}`,
          },
    );
  }
  return out;
}

/** Folds events in calls of the given sizes (cycled). */
function foldInCalls(events: readonly ObserveEvent[], sizes: readonly number[]): UserState {
  let state = rb.emptyState();
  for (let i = 0, k = 0; i < events.length; k++) {
    const size = sizes[k % sizes.length]!;
    state = rb.observe(state, events.slice(i, i + size));
    i += size;
  }
  return state;
}

const json = (s: UserState): string => serializeState(s);

describe('observe with event ids', () => {
  it('observe(state, events with redeliveries inside the horizon) folds to the state of each event once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 8 }),
        // Redeliveries: which event, and how many distinct events later it comes again.
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 127 })), { maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        (n, tags, redeliveries, sizes) => {
          const events = distinctEvents(n, tags);
          const delivered: ObserveEvent[][] = events.map((e) => [e]);
          for (const [which, later] of redeliveries) {
            const i = which % n;
            // Inserted after the event `later` positions on: at most 127 distinct ids between.
            delivered[Math.min(n - 1, i + later)]!.push(events[i]!);
          }
          const once = foldInCalls(events, [n]);
          const twice = foldInCalls(delivered.flat(), sizes);
          expect(json(twice)).toBe(json(once));
          expect(twice.impressions).toBe(once.impressions);
        },
      ),
    );
  });

  it('observe counts a redelivery again once 128 newer ids came in between (the horizon)', () => {
    const events = distinctEvents(130, [0]);
    let state = rb.observe(rb.emptyState(), events.slice(0, 129));
    expect(rb.observe(state, events[0]!).impressions).toBe(130); // 128 ids after e0: forgotten
    expect(rb.observe(state, events[1]!).impressions).toBe(129); // e1 still remembered
    state = rb.observe(state, events[1]!);
    expect(state.delivery!.ids.length).toBe(128 * 8);
  });

  it('observe folds two events of one call with the same eventId once', () => {
    const e = { item: { id: 'v' }, at: 0, eventId: 'same' };
    expect(rb.observe(rb.emptyState(), [e, e, { ...e, at: 5 }]).impressions).toBe(1);
  });

  it('observe without ids or options writes no delivery memory and keeps one it had', () => {
    const plain = rb.observe(rb.emptyState(), { item: { id: 'v' }, at: 0 });
    expect(plain.delivery).toBeUndefined();
    const withId = rb.observe(plain, { item: { id: 'v' }, at: 1, eventId: 'x' });
    const after = rb.observe(withId, { item: { id: 'w' }, at: 2 });
    expect(after.delivery).toEqual(withId.delivery);
  });

  it('observe rejects a malformed eventId with code impression and its path', () => {
    for (const bad of ['', 'x'.repeat(257), 7, null]) {
      const call = () =>
        rb.observe(rb.emptyState(), [
          { item: { id: 'a' }, at: 0 },
          { item: { id: 'v' }, at: 0, eventId: bad as string },
        ]);
      expect(call).toThrow(RebalanceError);
      try {
        call();
      } catch (e) {
        expect((e as RebalanceError).code).toBe('impression');
        expect((e as RebalanceError).path).toBe('impressions[1].eventId');
        expect((e as RebalanceError).message).toMatch(
          /^observe: impressions\[1\]\.eventId must be a string of 1 to 256 characters/,
        );
      }
    }
  });

  it('observe names a malformed event by its index in the call when earlier ones were skipped', () => {
    const state = rb.observe(rb.emptyState(), { item: { id: 'v' }, at: 0, eventId: 'a' });
    try {
      rb.observe(state, [
        { item: { id: 'v' }, at: 0, eventId: 'a' },
        { item: { id: 'w' }, at: NaN },
      ]);
      expect.unreachable();
    } catch (e) {
      expect((e as RebalanceError).path).toBe('impressions[1].at');
      expect((e as RebalanceError).message).toMatch(/^observe: impressions\[1\]\.at/);
    }
  });
});

describe('observe with a source and offsets', () => {
  const message = (i: number): ObserveEvent => ({
    item: { id: `m${i}`, hashtags: [TAGS[i % 3]!] },
    at: i * 5_000,
  });

  it('observe(state, prefix replayed, { source, offset }) changes nothing, whatever the prefix', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.boolean(),
        (gaps, cut, perEvent) => {
          // Offsets with gaps (a stream shared with other users), as ms-seq ids.
          const offsets: string[] = [];
          let o = 0;
          for (const g of gaps) offsets.push(`${1_700_000_000_000 + (o += g)}-${g - 1}`);
          const fold = (state: UserState, from: number, to: number): UserState => {
            if (perEvent) {
              const events = offsets.slice(from, to).map((_, k) => message(from + k));
              return rb.observe(state, events, { source: 's', offset: offsets.slice(from, to) });
            }
            for (let i = from; i < to; i++)
              state = rb.observe(state, message(i), { source: 's', offset: offsets[i]! });
            return state;
          };
          const all = fold(rb.emptyState(), 0, offsets.length);
          expect(all.impressions).toBe(offsets.length);
          const k = cut % (offsets.length + 1);
          expect(json(fold(all, 0, k))).toBe(json(all));
          // A replay that runs past the end applies only what is new.
          const part = fold(rb.emptyState(), 0, k);
          expect(json(fold(part, 0, offsets.length))).toBe(json(all));
        },
      ),
    );
  });

  it('observe folds any interleaving of two sources, with redeliveries, as each message once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 1), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (order, replays) => {
          // Each source delivers its own messages in offset order; the interleaving is free.
          const next = [0, 0];
          let state = rb.emptyState();
          const log: [number, number][] = [];
          for (const s of order) {
            const i = next[s]!++;
            log.push([s, i]);
            state = rb.observe(state, message(s * 100 + i), { source: `p${s}`, offset: i * 7 });
            // Redeliver an earlier message of either source: skipped.
            for (const r of replays.splice(0, 1)) {
              const [rs, ri] = log[r % log.length]!;
              const again = rb.observe(state, message(rs * 100 + ri), {
                source: `p${rs}`,
                offset: ri * 7,
              });
              expect(json(again)).toBe(json(state));
            }
          }
          expect(state.impressions).toBe(order.length);
          expect(state.delivery!.marks.map(([s, o]) => [s, Number(o)]).sort()).toEqual(
            [0, 1].filter((s) => next[s]! > 0).map((s) => [`p${s}`, (next[s]! - 1) * 7]),
          );
        },
      ),
    );
  });

  it('observe keeps the marks of the 16 most recently advanced sources and drops the oldest', () => {
    let state = rb.emptyState();
    for (let s = 0; s < 17; s++)
      state = rb.observe(state, message(s), { source: `p${s}`, offset: 1 });
    expect(state.delivery!.marks.map(([s]) => s)).toEqual(
      Array.from({ length: 16 }, (_, i) => `p${i + 1}`),
    );
    // p0 was forgotten: its message counts again; p1 is still known.
    expect(rb.observe(state, message(0), { source: 'p0', offset: 1 }).impressions).toBe(18);
    expect(rb.observe(state, message(1), { source: 'p1', offset: 1 }).impressions).toBe(17);
  });

  it('observe compares stream ids as integer pairs, not floats', () => {
    const s1 = rb.observe(rb.emptyState(), message(0), {
      source: 's',
      offset: '9007199254740993-0',
    });
    expect(
      rb.observe(s1, message(1), { source: 's', offset: '9007199254740992-5' }).impressions,
    ).toBe(1);
    expect(
      rb.observe(s1, message(1), { source: 's', offset: '9007199254740993-1' }).impressions,
    ).toBe(2);
  });

  it('observe rejects malformed options with code argument and the path', () => {
    const bad: [unknown, string][] = [
      [{ source: '', offset: 1 }, 'options.source'],
      [{ source: 's', offset: -1 }, 'options.offset'],
      [{ source: 's', offset: '1-2-3' }, 'options.offset'],
      [{ source: 's', offset: [1] }, 'options.offset'],
      [{ source: 's', offset: [2, 1] }, 'options.offset[1]'],
      [{ source: 's', offset: [1, 'x'] }, 'options.offset[1]'],
      [7, 'options'],
    ];
    for (const [options, path] of bad) {
      try {
        rb.observe(rb.emptyState(), [message(0), message(1)], options as never);
        expect.unreachable();
      } catch (e) {
        expect((e as RebalanceError).code).toBe('argument');
        expect((e as RebalanceError).path).toBe(path);
        expect((e as RebalanceError).message).toMatch(
          new RegExp(`^observe: ${path.replace(/[[\]]/g, '\\$&')} `),
        );
      }
    }
  });
});

describe('stored delivery memory', () => {
  const full = (): UserState => {
    let state = rb.observe(rb.emptyState(), distinctEvents(128, [0, 1, 2, 3, 4]));
    for (let s = 0; s < 16; s++)
      state = rb.observe(
        state,
        { item: { id: `k${s}` }, at: 2e6 + s },
        {
          source: `impressions-topic/partition-${s}`,
          offset: '1700000000000-123',
        },
      );
    return state;
  };

  it('parseState round-trips a state with ids and marks, and its JSON stays under 3.5 KB', () => {
    const state = full();
    const text = serializeState(state);
    expect(parseState(text)).toEqual(state);
    expect(rb.parseState(text)).toEqual(state);
    const plain = serializeState(
      rb.observe(
        rb.emptyState(),
        distinctEvents(144, [0, 1, 2, 3, 4]).map((e) => {
          const copy: { eventId?: string } = { ...e };
          delete copy.eventId;
          return copy as ObserveEvent;
        }),
      ),
    );
    // The id memory is 1,024 characters; 16 marks with 34-character sources about 960 more.
    const extra = text.length - plain.length;
    console.log(
      `state JSON: ${plain.length} B plain, ${text.length} B with 128 ids and 16 marks (+${extra})`,
    );
    expect(extra).toBeGreaterThan(1_024);
    expect(text.length).toBeLessThan(3_500);
  });

  it('parseState rejects a tampered delivery memory with code state and its path', () => {
    const state = JSON.parse(serializeState(full())) as {
      delivery: { ids: string; marks: unknown[] };
    };
    const cases: [(s: typeof state) => void, string][] = [
      [(s) => (s.delivery.ids = s.delivery.ids + 'A'), 'delivery.ids'],
      [(s) => (s.delivery.ids = s.delivery.ids + 'AAAAAAAA'), 'delivery.ids'],
      [(s) => (s.delivery.ids = '!!!!!!!!'), 'delivery.ids'],
      [(s) => s.delivery.marks.push(['x', '1']), 'delivery.marks'],
      [
        (s) => (s.delivery.marks[1] = ['impressions-topic/partition-0', '1']),
        'delivery.marks[1][0]',
      ],
      [(s) => (s.delivery.marks[0] = ['p', '01']), 'delivery.marks[0][1]'],
      [(s) => (s.delivery.marks[0] = ['p', 1]), 'delivery.marks[0][1]'],
      [(s) => (s.delivery.marks[0] = ['', '1']), 'delivery.marks[0][0]'],
      [(s) => (s.delivery.marks[0] = ['p']), 'delivery.marks[0]'],
    ];
    for (const [tamper, path] of cases) {
      const copy = structuredClone(state);
      tamper(copy);
      try {
        rb.parseState(JSON.stringify(copy));
        expect.unreachable();
      } catch (e) {
        expect((e as RebalanceError).code).toBe('state');
        expect((e as RebalanceError).path).toBe(path);
      }
    }
  });
});
