import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRebalancer,
  presets,
  RebalanceError,
  type Decision,
  type Item,
  type PolicyInput,
  type RebalanceRequest,
  type RebalanceResult,
  type Rebalancer,
} from '../../src/index.js';
import { arbitraries } from '../../src/testing/index.js';

const taxonomy = presets.taxonomies.default;
const schema = JSON.parse(
  readFileSync(new URL('../../schemas/decision.schema.json', import.meta.url), 'utf8'),
) as object;
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);

const POLICIES: readonly PolicyInput[] = [
  presets.policies.protective,
  presets.policies.balanced,
  presets.policies.dispersion,
  presets.policies.off,
  { ...presets.policies.protective, onInvalidItem: 'skip' },
];
const engines: readonly Rebalancer[] = POLICIES.map((policy) =>
  createRebalancer({ taxonomy, policy }),
);

/** A generated request for one of the engines, with an optional size and duplicate ids. */
const cases = fc
  .nat({ max: engines.length - 1 })
  .chain((e) =>
    fc.record({
      engine: fc.constant(engines[e]!),
      request: arbitraries.rebalanceCase(engines[e]!, { maxCandidates: 14, maxPool: 4 }),
      size: fc.option(fc.nat({ max: 16 }), { nil: undefined }),
      duplicate: fc.boolean(),
      invalid: fc.boolean(),
    }),
  )
  .map(({ engine, request, size, duplicate, invalid }) => {
    const candidates: unknown[] = [...request.request.candidates];
    if (duplicate && candidates.length > 0) candidates.splice(1, 0, candidates[0]);
    // Only the skip-invalid engine accepts an invalid entry instead of throwing.
    if (invalid && engine === engines[4]) candidates.splice(2, 0, { id: 7 });
    const full: RebalanceRequest = {
      ...request.request,
      candidates: candidates as Item[],
      ...(size === undefined ? {} : { size }),
    };
    return { engine, request: full };
  });

/** Brute force: positions where the policy's slot and the host's slot hold different entries. */
function changedSlotsByBruteForce(result: RebalanceResult, request: RebalanceRequest): number {
  const host: string[] = [];
  for (let i = 0; i < Math.min(request.size ?? Infinity, request.candidates.length); i++)
    host.push(`candidate ${i}`);
  const policy = result.slots.map((s) =>
    s.from === null ? `recovery ${s.id}` : `candidate ${s.from}`,
  );
  let changed = 0;
  for (let i = 0; i < Math.max(host.length, policy.length); i++)
    if (host[i] !== policy[i]) changed++;
  return changed;
}

/** The policy's feed as (id, from) pairs, rebuilt from the record and the host's candidates. */
function feedFromRecord(decision: Decision, result: RebalanceResult): [string, number | null][] {
  const bySlot = new Map(decision.changes.map((c) => [c.slot, c]));
  // The host's ids: every candidate is served or dropped, so the result names each one.
  const ids = new Map<number, string>();
  for (const s of result.slots) if (s.from !== null) ids.set(s.from, s.id);
  for (const d of result.dropped) ids.set(d.from, d.id);
  const feed: [string, number | null][] = [];
  for (let s = 0; s < decision.served; s++) {
    const change = bySlot.get(s);
    feed.push(change === undefined ? [ids.get(s)!, s] : [change.id, change.from]);
  }
  return feed;
}

const plain = (decision: Decision): unknown => JSON.parse(JSON.stringify(decision));

describe('rebalance({ shadow: true })', () => {
  it('returns the candidates in the host order up to size, nothing dropped but by size, no recovery, nothing applied', () => {
    fc.assert(
      fc.property(cases, ({ engine, request }) => {
        const out = engine.rebalance({ ...request, shadow: true });
        const n = Math.min(request.size ?? Infinity, request.candidates.length);
        expect(out.items).toEqual(request.candidates.slice(0, n));
        for (let i = 0; i < n; i++) expect(out.items[i]).toBe(request.candidates[i]);
        expect(out.slots.map((s) => [s.from, s.source, s.reasons.length])).toEqual(
          Array.from({ length: n }, (_, i) => [i, 'organic', 0]),
        );
        expect(out.dropped.map((d) => [d.from, d.reason])).toEqual(
          Array.from({ length: request.candidates.length - n }, (_, i) => [n + i, 'size']),
        );
        expect(out.rejectedRecovery).toEqual([]);
        expect(out.applied).toEqual({
          caps: {},
          recoveryEvery: null,
          recoveryGroups: [],
          diversify: null,
        });
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('gives the same decision record as the request without shadow, but for the shadow flag', () => {
    fc.assert(
      fc.property(cases, ({ engine, request }) => {
        const shadow = engine.rebalance({ ...request, shadow: true }).decision;
        const served = engine.rebalance(request).decision;
        expect(shadow.shadow).toBe(true);
        expect(served.shadow).toBe(false);
        expect(plain({ ...shadow, shadow: false })).toEqual(plain(served));
      }),
      { numRuns: 200, seed: 18 },
    );
  });

  it('rejects a shadow flag that is not a boolean with code request and path shadow', () => {
    const rb = engines[0]!;
    const call = (): unknown =>
      rb.rebalance({ candidates: [], state: rb.emptyState(), shadow: 'yes' as unknown as boolean });
    expect(call).toThrow(RebalanceError);
    expect(call).toThrow(/^rebalance: shadow must be a boolean \(got "yes"\)/);
    try {
      call();
    } catch (error) {
      expect((error as RebalanceError).code).toBe('request');
      expect((error as RebalanceError).path).toBe('shadow');
    }
  });
});

describe('RebalanceResult.decision', () => {
  it('counts changed slots as a brute-force comparison with the host order does', () => {
    fc.assert(
      fc.property(cases, ({ engine, request }) => {
        const out = engine.rebalance(request);
        expect(out.decision.changedSlots).toBe(changedSlotsByBruteForce(out, request));
      }),
      { numRuns: 300, seed: 19 },
    );
  });

  it('with the host candidates rebuilds the served feed; counts drops by reason, recovery slots, levels and interventions of the result', () => {
    fc.assert(
      fc.property(cases, ({ engine, request }) => {
        const out = engine.rebalance(request);
        const { decision } = out;
        expect(feedFromRecord(decision, out)).toEqual(out.slots.map((s) => [s.id, s.from]));
        const drops: Record<string, number> = {};
        for (const d of out.dropped) drops[d.reason] = (drops[d.reason] ?? 0) + 1;
        expect({ ...decision.drops }).toEqual(drops);
        const recovery: Record<string, number> = {};
        for (const s of out.slots)
          if (s.source === 'recovery') {
            const group = s.reasons.find((r) => r.startsWith('recovery:'))!.slice(9);
            recovery[group] = (recovery[group] ?? 0) + 1;
          }
        expect({ ...decision.recovery }).toEqual(recovery);
        expect(decision.served).toBe(out.slots.length);
        for (const g of engine.groups)
          expect(decision.levels[g]).toBe(out.assessment.groups[g]!.level);
        expect(Object.keys(decision.levels)).toEqual(engine.groups);
        expect(decision.interventions).toEqual(
          out.assessment.interventions.map((i) => ({ kind: i.kind, group: i.group })),
        );
      }),
      { numRuns: 200, seed: 20 },
    );
  });

  it('is valid under schemas/decision.schema.json, shadow or not', () => {
    fc.assert(
      fc.property(cases, fc.boolean(), ({ engine, request }, shadow) => {
        const record = plain(engine.rebalance({ ...request, shadow }).decision);
        if (!validate(record)) throw new Error(ajv.errorsText(validate.errors));
      }),
      { numRuns: 200, seed: 21 },
    );
  });

  it('schemas/decision.schema.json refuses a record with an unknown field, a zero drop count or an unknown drop reason', () => {
    const rb = engines[0]!;
    const record = plain(
      rb.rebalance({ candidates: [{ id: 'a' }], state: rb.emptyState() }).decision,
    ) as Record<string, unknown>;
    expect(validate(record)).toBe(true);
    expect(validate({ ...record, extra: 1 })).toBe(false);
    expect(validate({ ...record, drops: { size: 0 } })).toBe(false);
    expect(validate({ ...record, drops: { lost: 1 } })).toBe(false);
    expect(validate({ ...record, changes: [{ slot: 0, id: 'a', from: -1 }] })).toBe(false);
  });

  it('an unchanged feed has no changes, and a feed without drops an empty drops object', () => {
    const rb = engines[0]!;
    const out = rb.rebalance({ candidates: [{ id: 'a' }, { id: 'b' }], state: rb.emptyState() });
    expect(plain(out.decision)).toMatchObject({
      shadow: false,
      served: 2,
      changedSlots: 0,
      changes: [],
      drops: {},
      recovery: {},
      interventions: [],
      levels: { 'eating-disorder': 'none', 'self-harm': 'none', suicide: 'none' },
    });
  });
});

describe('Decision.policy (the policy fingerprint)', () => {
  const fingerprint = (policy: PolicyInput): string =>
    createRebalancer({ taxonomy, policy }).rebalance({ candidates: [], profiling: false }).decision
      .policy;

  it('is the same whatever order the policy fields are written in', () => {
    const reversed = (value: unknown): unknown =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value)
              .reverse()
              .map(([k, v]) => [k, reversed(v)]),
          )
        : value;
    for (const policy of POLICIES)
      expect(fingerprint(reversed(policy) as PolicyInput)).toBe(fingerprint(policy));
  });

  it('differs between the presets, and when one field of a level changes', () => {
    const prints = POLICIES.slice(0, 4).map(fingerprint);
    expect(new Set(prints).size).toBe(4);
    const base = presets.policies.balanced;
    const tighter: PolicyInput = {
      ...base,
      levels: {
        ...base.levels,
        sustained: { ...base.levels?.sustained, recoveryEvery: 7 },
      },
    };
    expect(fingerprint(tighter)).not.toBe(fingerprint(base));
    expect(fingerprint({ ...base, onInvalidItem: 'skip' })).not.toBe(fingerprint(base));
  });

  it('is the same for {} and the off preset, which resolve to the same policy', () => {
    expect(fingerprint({})).toBe(fingerprint(presets.policies.off));
  });

  it('is pinned for the balanced preset: the same in every process and runtime', () => {
    // A changed value means the balanced preset or a default changed: decision logs written
    // before and after the change then carry different fingerprints, as they should.
    expect(fingerprint(presets.policies.balanced)).toBe('pqu6hsng1o7.bkuf24plfd');
  });
});
