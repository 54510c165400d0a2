import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRebalancer,
  parseState,
  presets,
  RebalanceError,
  serializeState,
  type Level,
  type PolicyInput,
} from '../../src/index.js';
import { forwardStream, impressionArb } from './helpers.js';

const POLICIES: [string, PolicyInput][] = Object.entries(presets.policies);
/** Every id "see less" accepts for the default taxonomy: its groups and triggering topics. */
const SEE_LESS_TARGETS = presets.taxonomies.default.groups.flatMap((g) => [
  g.id,
  ...g.triggering.map((t) => t.id),
]);
const RANK: Record<Level, number> = { none: 0, elevated: 1, sustained: 2 };

function expectStateError(fn: () => unknown, path: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, path).toBeInstanceOf(RebalanceError);
  expect((caught as RebalanceError).code, path).toBe('state');
  expect((caught as RebalanceError).path, path).toBe(path);
}

describe('UserState', () => {
  it.each(POLICIES)(
    'serializeState stays within 2 KB for the default taxonomy with the %s policy whatever the stream',
    (_, policy) => {
      const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy });
      const longIds = fc.record({
        item: fc.record({
          id: fc.string({ minLength: 200, maxLength: 1024 }),
          topics: fc.constantFrom(
            ['ed-recovery'],
            ['pro-ana'],
            ['suicide-prevention'],
            ['x-unknown-topic'],
          ),
        }),
        at: fc.integer({ min: 0, max: 1e9 }),
      });
      // Feedback with every valid target and intervention, at hostile times.
      const time = fc.oneof(
        fc.integer({ min: 0, max: 1e9 }),
        fc.double({ min: -1e300, max: 1e300, noNaN: true, noDefaultInfinity: true }),
      );
      const seeLess = fc.record({
        seeLess: fc.record({ target: fc.constantFrom(...SEE_LESS_TARGETS) }),
        at: time,
      });
      const intervention = fc.record({
        intervention: fc.record({
          type: fc.constantFrom('shown' as const, 'dismissed' as const, 'accepted' as const),
          kind: fc.constantFrom('nudge' as const, 'resources' as const, 'break' as const),
          group: fc.constantFrom(null, 'eating-disorder', 'self-harm', 'suicide'),
        }),
        at: time,
      });
      fc.assert(
        fc.property(
          fc.array(fc.oneof(impressionArb, longIds, seeLess, intervention), { maxLength: 300 }),
          (stream) => {
            const text = serializeState(rb.observe(rb.emptyState(), stream));
            expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(2048);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it('parseState(serializeState(state)) gives back the same state, and observing continues identically', () => {
    const rb = createRebalancer({
      taxonomy: presets.taxonomies.default,
      policy: presets.policies.protective,
    });
    fc.assert(
      fc.property(
        fc.array(impressionArb, { maxLength: 60 }),
        fc.array(impressionArb, { maxLength: 10 }),
        (head, tail) => {
          const s = rb.observe(rb.emptyState(), head);
          const back = rb.parseState(serializeState(s));
          expect(back).toEqual(s);
          expect(rb.observe(back, tail)).toEqual(rb.observe(s, tail));
          expect(parseState(JSON.parse(rb.serializeState(s)))).toEqual(s);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('parseState rejects tampered, truncated and future-version states with code state and the path', () => {
    const rb = createRebalancer({
      taxonomy: presets.taxonomies.default,
      policy: presets.policies.balanced,
    });
    const good = JSON.parse(
      serializeState(
        rb.observe(rb.emptyState(), forwardStream(['pro-ana', 'ed-recovery', 'cooking'])),
      ),
    ) as Record<string, unknown>;
    const edit = (f: (s: any) => void): unknown => {
      const copy = structuredClone(good);
      f(copy);
      return copy;
    };
    expectStateError(() => rb.parseState(edit((s) => (s.version = 2))), 'version');
    expectStateError(() => rb.parseState(edit((s) => delete s.impressions)), 'impressions');
    expectStateError(
      () => rb.parseState(edit((s) => (s.groups[0].triggeringMass = -1))),
      'groups[0].triggeringMass',
    );
    expectStateError(
      () => rb.parseState(edit((s) => (s.groups[0].triggeringMass = s.groups[0].totalMass + 1))),
      'groups[0].triggeringMass',
    );
    expectStateError(
      () => rb.parseState(edit((s) => (s.groups[1].statistic = null))),
      'groups[1].statistic',
    );
    expectStateError(
      () => rb.parseState(edit((s) => (s.groups[1].level = 'extreme'))),
      'groups[1].level',
    );
    expectStateError(
      () => rb.parseState(edit((s) => (s.groups[2].window = '01x'))),
      'groups[2].window',
    );
    expectStateError(
      () => rb.parseState(edit((s) => (s.session.impressions = 99))),
      'session.impressions',
    );
    expectStateError(
      () => rb.parseState(edit((s) => (s.groups[1].id = s.groups[0].id))),
      'groups[1].id',
    );
    expectStateError(
      () => rb.parseState(edit((s) => (s.recoveryShown = [['zz', 3]]))),
      'recoveryShown[0][1]',
    );
    expectStateError(() => rb.parseState(edit((s) => (s.lastAt = null))), 'lastAt');
    expectStateError(() => rb.parseState(serializeState(rb.emptyState()).slice(0, 40)), '');
    expectStateError(() => rb.parseState('null'), '');
    expectStateError(() => rb.assess({ ...rb.emptyState(), version: 3 } as never), 'version');
  });

  it('parseState of a state with a prototype-polluting key leaves Object.prototype untouched', () => {
    const rb = createRebalancer({
      taxonomy: presets.taxonomies.default,
      policy: presets.policies.balanced,
    });
    const text = serializeState(rb.emptyState()).replace(
      '"version":1',
      '"__proto__":{"polluted":1},"version":1',
    );
    const s = rb.parseState(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
  });

  it.each(['run', 'window', 'cusum', 'ewma'] as const)(
    'the %s detector never flaps on a constant stream: all-triggering never lowers the level, all-benign never raises it',
    (kind) => {
      const detection: PolicyInput['detection'] =
        kind === 'run'
          ? { kind, length: 4, hold: 3 }
          : kind === 'window'
            ? { kind, count: 3, window: 6, hold: 3 }
            : kind === 'cusum'
              ? { kind, p0: 0.05, p1: 0.3, h: 3, hold: 3 }
              : { kind, lambda: 0.2, limit: 0.4, hold: 3 };
      const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: { detection } });
      fc.assert(
        fc.property(
          fc.array(impressionArb, { maxLength: 40 }),
          fc.boolean(),
          fc.integer({ min: 1, max: 60 }),
          (prefix, triggering, length) => {
            let s = rb.observe(rb.emptyState(), prefix);
            let previous = RANK[rb.assess(s).groups['eating-disorder']!.level];
            const t0 = s.lastAt ?? 0;
            for (let i = 0; i < length; i++) {
              s = rb.observe(s, {
                item: { id: `c${i}`, topics: triggering ? ['pro-ana'] : ['cooking'] },
                at: t0 + 1 + i,
              });
              const now = RANK[rb.assess(s).groups['eating-disorder']!.level];
              if (triggering) expect(now).toBeGreaterThanOrEqual(previous);
              else expect(now).toBeLessThanOrEqual(previous);
              previous = now;
            }
          },
        ),
        { numRuns: 150 },
      );
    },
  );

  it('a state whose taxonomy grew gets the new group empty; groups the taxonomy dropped are left out', () => {
    const small = createRebalancer({
      taxonomy: { groups: [presets.taxonomies.default.groups[0]!] },
      policy: presets.policies.balanced,
    });
    const s = small.observe(small.emptyState(), forwardStream(['pro-ana', 'pro-ana']));
    const big = createRebalancer({
      taxonomy: presets.taxonomies.default,
      policy: presets.policies.balanced,
    });
    const bound = big.parseState(serializeState(s));
    expect(bound.groups.map((g) => g.id)).toEqual(big.groups);
    expect(bound.groups[0]).toEqual(s.groups[0]);
    expect(bound.groups[1]?.run).toBe(0);
    expect(small.parseState(serializeState(bound)).groups).toEqual(s.groups);
  });
});
