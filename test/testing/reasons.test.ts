import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DropReason, Item, Rebalancer, RejectionReason } from '../../src/index.js';
import { arbitraries } from '../../src/testing/index.js';
import { engineFor } from './engines.js';

// `DroppedItem['reason']` and `RejectedRecovery['reason']` are closed unions. The patterns below
// are those unions written out at run time (the type-level checks make the two agree), each with
// the rule its placeholder must follow. Over generated requests — every kind of policy, "see
// less" feedback in the states, invalid and duplicate entries — every reason the engine emits
// must match a pattern, and every pattern must be emitted at least once, so the union lists
// exactly what the library does.

/** Whether two types are each assignable to the other: the same set of strings here. */
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const dropUnionListed: Equal<
  DropReason,
  'size' | 'duplicate' | 'invalid' | `cap:${string}` | `seeLess:${string}`
> = true;
const rejectionUnionListed: Equal<
  RejectionReason,
  'invalid' | 'duplicate' | 'cooldown' | `triggering:${string}`
> = true;

interface Pattern {
  readonly name: string;
  readonly matches: (reason: string, rb: Rebalancer) => boolean;
}

/** Whether `topic` is a triggering topic of the engine's taxonomy. */
function triggeringTopic(rb: Rebalancer, topic: string): boolean {
  return Object.keys(rb.classify({ id: 'probe', topics: [topic] }).triggering).length > 0;
}

const exactly = (name: string): Pattern => ({ name, matches: (r) => r === name });
const group = (prefix: string): Pattern => ({
  name: `${prefix}:<group>`,
  matches: (r, rb) => r.startsWith(`${prefix}:`) && rb.groups.includes(r.slice(prefix.length + 1)),
});

const DROP_PATTERNS: readonly Pattern[] = [
  exactly('size'),
  exactly('duplicate'),
  exactly('invalid'),
  group('cap'),
  {
    name: 'seeLess:<target>',
    matches: (r, rb) => {
      const target = r.slice(8);
      return (
        r.startsWith('seeLess:') && (rb.groups.includes(target) || triggeringTopic(rb, target))
      );
    },
  },
];
const REJECTION_PATTERNS: readonly Pattern[] = [
  exactly('invalid'),
  exactly('duplicate'),
  exactly('cooldown'),
  group('triggering'),
];

/** Entries the engine refuses under `onInvalidItem: 'skip'`: no id, a bad field, not an object. */
const INVALID: readonly unknown[] = [
  { id: '' },
  { id: 'bad-topics', topics: 'pro-ana' },
  { id: 'bad-confidence', topics: { 'pro-ana': 2 } },
  null,
];

/** `list` with some invalid entries put in at generated places. */
function withInvalid(list: readonly Item[], picks: readonly [number, number][]): Item[] {
  const out: unknown[] = list.slice();
  for (const [where, which] of picks)
    out.splice(where % (out.length + 1), 0, INVALID[which % INVALID.length]);
  return out as Item[];
}

const cases = arbitraries.policy().chain((policy) => {
  const skipping = { ...policy, onInvalidItem: 'skip' as const };
  return fc.record({
    policy: fc.constant(skipping),
    case: arbitraries.rebalanceCase(engineFor(skipping)),
    badCandidates: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
    badPool: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
  });
});

describe('drop and rejection reasons', () => {
  it('the DropReason and RejectionReason unions are the patterns listed here', () => {
    expect([dropUnionListed, rejectionUnionListed]).toEqual([true, true]);
  });

  it('rebalance(request) emits only reasons of the DropReason and RejectionReason unions, and every one of them', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(cases, ({ policy, case: c, badCandidates, badPool }) => {
        const rb = engineFor(policy);
        const request = {
          ...c.request,
          candidates: withInvalid(c.request.candidates, badCandidates),
          recovery: withInvalid(c.request.recovery ?? [], badPool),
        };
        const out = rb.rebalance(request);
        for (const [list, patterns, kind] of [
          [out.dropped, DROP_PATTERNS, 'dropped'],
          [out.rejectedRecovery, REJECTION_PATTERNS, 'rejectedRecovery'],
        ] as const) {
          for (const { reason } of list) {
            const pattern = patterns.find((p) => p.matches(reason, rb));
            expect(pattern, `${kind} reason ${JSON.stringify(reason)}`).toBeDefined();
            seen.add(`${kind} ${pattern!.name}`);
          }
        }
      }),
      { numRuns: 250 },
    );
    expect([...seen].sort()).toEqual(
      [
        ...DROP_PATTERNS.map((p) => `dropped ${p.name}`),
        ...REJECTION_PATTERNS.map((p) => `rejectedRecovery ${p.name}`),
      ].sort(),
    );
  });
});
