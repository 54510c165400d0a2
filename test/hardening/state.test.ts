import { describe, expect, it } from 'vitest';
import { createRebalancer, presets } from '../../src/index.js';
import type { UserState } from '../../src/index.js';
import { expectRebalanceError, guardPrototypes } from './guards.js';

// Stored state is untrusted: a state from a future version, a truncated or tampered one is a
// RebalanceError with code `state` — never a silent reset. A state written under another
// taxonomy or policy is lined up with this rebalancer in the documented ways only.

const taxonomy = presets.taxonomies.default;
const rb = createRebalancer({ taxonomy, policy: presets.policies.balanced });
const observed = rb.observe(rb.emptyState(), [
  { item: { id: 'a', topics: ['pro-ana'] }, at: 0 },
  { item: { id: 'r', topics: ['ed-recovery'] }, at: 1_000 },
  { item: { id: 'b', topics: ['self-harm'] }, at: 2_000 },
]);
const json = rb.serializeState(observed);

type Json = Record<string, unknown> & {
  groups: Record<string, unknown>[];
  session: Record<string, unknown>;
  recoveryShown: unknown[][];
};
function edited(edit: (s: Json) => void): string {
  const s = JSON.parse(json) as Json;
  edit(s);
  return JSON.stringify(s);
}

guardPrototypes();

describe('untrusted stored state', () => {
  it('parseState(serializeState(state)) gives back the same state', () => {
    expect(rb.parseState(json)).toEqual(observed);
  });

  it('parseState(state from version 2, 0 or "1") throws RebalanceError state at version', () => {
    for (const version of [2, 0, '1', null])
      expectRebalanceError(
        () => rb.parseState(edited((s) => (s.version = version))),
        'state',
        'version',
      );
    expect(() => rb.parseState(edited((s) => (s.version = 2)))).toThrow(/newer version/);
  });

  it('parseState(truncated JSON) throws RebalanceError state, at every cut', () => {
    for (let cut = 0; cut < json.length; cut += Math.max(1, Math.floor(json.length / 40)))
      expectRebalanceError(() => rb.parseState(json.slice(0, cut)), 'state');
  });

  const tampered: [string, (s: Json) => void, string][] = [
    ['negative impressions', (s) => (s.impressions = -1), 'impressions'],
    ['fractional impressions', (s) => (s.impressions = 2.5), 'impressions'],
    ['impressions as a string', (s) => (s.impressions = '3'), 'impressions'],
    ['lastAt null after impressions', (s) => (s.lastAt = null), 'lastAt'],
    ['session longer than the history', (s) => (s.session.impressions = 99), 'session.impressions'],
    ['groups not an array', (s) => (s.groups = {} as never), 'groups'],
    ['an unknown level', (s) => (s.groups[0]!.level = 'extreme'), 'groups[0].level'],
    ['a negative statistic', (s) => (s.groups[0]!.statistic = -1), 'groups[0].statistic'],
    [
      'triggering mass above the total',
      (s) => (s.groups[0]!.triggeringMass = 1e9),
      'groups[0].triggeringMass',
    ],
    ['a run longer than the history', (s) => (s.groups[1]!.run = 50), 'groups[1].run'],
    ['window bits that are not bits', (s) => (s.groups[0]!.window = '01x'), 'groups[0].window'],
    ['a duplicated group', (s) => s.groups.push(s.groups[0]!), 'groups[3].id'],
    ['a group without its id', (s) => delete s.groups[0]!.id, 'groups[0].id'],
    ['a forged id hash', (s) => (s.recoveryShown = [['<script>', 0]]), 'recoveryShown[0][0]'],
    [
      'a recovery entry from the future',
      (s) => (s.recoveryShown = [['abc', 3]]),
      'recoveryShown[0][1]',
    ],
    ['a missing field', (s) => Reflect.deleteProperty(s, 'session'), 'session'],
  ];
  for (const [what, edit, path] of tampered) {
    it(`parseState(state with ${what}) throws RebalanceError state at ${path}`, () => {
      expectRebalanceError(() => rb.parseState(edited(edit)), 'state', path);
    });
  }

  it('rebalance and observe given a tampered state throw RebalanceError state too', () => {
    const bad = JSON.parse(edited((s) => (s.groups[0]!.level = 'extreme'))) as UserState;
    expectRebalanceError(
      () => rb.rebalance({ candidates: [{ id: 'a' }], state: bad }),
      'state',
      'groups[0].level',
    );
    expectRebalanceError(
      () => rb.observe(bad, { item: { id: 'a' }, at: 5_000 }),
      'state',
      'groups[0].level',
    );
    expectRebalanceError(() => rb.assess(bad), 'state', 'groups[0].level');
  });

  it('parseState(JSON with a "__proto__" member) reads no prototype and pollutes nothing', () => {
    const text = json.replace('{', '{"__proto__":{"polluted":true,"impressions":99},');
    const s = rb.parseState(text);
    expect(s.impressions).toBe(observed.impressions);
    expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
  });

  it('a state written under another taxonomy is lined up by group id: missing groups start empty, unknown ones are left out', () => {
    const other = createRebalancer({
      taxonomy: {
        groups: [
          { id: 'self-harm', triggering: [{ id: 'self-harm' }] },
          { id: 'gambling', triggering: [{ id: 'bet' }] },
        ],
      },
      policy: presets.policies.balanced,
    });
    const foreign = other.observe(other.emptyState(), [
      { item: { id: 'x', topics: ['self-harm'] }, at: 0 },
    ]);
    const s = rb.parseState(other.serializeState(foreign));
    expect(s.groups.map((g) => g.id)).toEqual([...rb.groups]);
    expect(s.groups.find((g) => g.id === 'self-harm')?.run).toBe(1);
    expect(s.groups.find((g) => g.id === 'eating-disorder')?.run).toBe(0);
  });

  it('a state written under a window detector, read under a run detector, keeps its run and drops the window bits', () => {
    const w = createRebalancer({
      taxonomy,
      policy: { detection: { kind: 'window', count: 2, window: 4 } },
    });
    const r = createRebalancer({ taxonomy, policy: { detection: { kind: 'run', length: 3 } } });
    const s = w.observe(w.emptyState(), [
      { item: { id: 'a', topics: ['pro-ana'] }, at: 0 },
      { item: { id: 'b', topics: ['pro-ana'] }, at: 1 },
    ]);
    const bound = r.parseState(w.serializeState(s));
    expect(bound.groups[0]).toMatchObject({ run: 2, statistic: 2, window: '' });
  });
});
