import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OrganicReasons } from '../../src/rerank/audit.js';
import { ReasonLists } from '../../src/rerank/reasonLists.js';
import { fillCases, withFill, type FillCase } from './fillCases.js';

// The reasons of each served organic slot against their definition, checked item by item over
// the whole feed: `diversify` when the fill order puts the item out of input order relative to
// any other candidate, then `cap:<group>` for each capped group it is triggering for when some
// candidate ranked after it was served before it. The engine answers slot by slot from a running
// maximum of the ranks served and shares the lists of caps; neither may change an answer.

const GROUP_IDS = ['g0', 'g1', 'g2'];

function reference(c: FillCase, served: readonly number[]): (readonly string[] | null)[] {
  const n = c.masks.length;
  const order = c.order ?? Array.from({ length: n }, (_, i) => i);
  const rankOf = new Array<number>(n);
  order.forEach((v, r) => (rankOf[v] = r));
  return served.map((v, s) => {
    if (v < 0) return null;
    const reasons: string[] = [];
    if (order.some((u, r) => (r < rankOf[v]! && u > v) || (r > rankOf[v]! && u < v)))
      reasons.push('diversify');
    if (served.slice(0, s).some((u) => u >= 0 && rankOf[u]! > rankOf[v]!))
      for (let g = 0; g < c.groups; g++)
        if (c.capCount[g]! >= 0 && (c.masks[v]! & (1 << g)) !== 0) reasons.push(`cap:g${g}`);
    return reasons;
  });
}

function engine(c: FillCase): { served: number[]; reasons: (readonly string[] | null)[] } {
  return withFill(c, (input, fill, arena) => {
    const lists = new ReasonLists(GROUP_IDS.slice(0, c.groups));
    const organic = new OrganicReasons(fill, input.order, lists, arena);
    const served = Array.from(fill.slots);
    // Asked in slot order, as the engine asks while it assembles the result.
    return { served, reasons: served.map((v) => (v < 0 ? null : organic.next(v))) };
  });
}

describe('OrganicReasons', () => {
  it('gives every served item the reasons its definition gives it', () => {
    fc.assert(
      fc.property(fillCases, (c) => {
        const { served, reasons } = engine(c);
        expect(reasons).toEqual(reference(c, served));
      }),
      { numRuns: 1500 },
    );
  });
});
