import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Classification } from '../../src/taxonomy/types.js';
import { classifyItem, createClassifyScratch } from '../../src/taxonomy/classifyItem.js';
import { createExactMatcher } from '../../src/taxonomy/match/createExactMatcher.js';
import { normalizeTerm } from '../../src/taxonomy/match/normalizeTerm.js';
import { defaultTaxonomy } from '../../src/taxonomy/presets/defaultTaxonomy.js';
import { resolveTaxonomy } from '../../src/taxonomy/resolveTaxonomy.js';
import { type ResolvedTaxonomy } from '../../src/taxonomy/resolved.js';
import { toClassification } from '../../src/taxonomy/toClassification.js';
import type { TaxonomyInput } from '../../src/taxonomy/types.js';
import { view } from './support.js';

const tax = resolveTaxonomy(defaultTaxonomy, 'createRebalancer');
const classify = (t: ResolvedTaxonomy, item: unknown): Classification =>
  toClassification(t, classifyItem(t, view(item)));
/** A plain copy, so results compare with `toEqual` against ordinary object literals. */
const plain = (c: Classification) => ({
  triggering: { ...c.triggering },
  recovery: { ...c.recovery },
  topics: { ...c.topics },
});

describe('classifyItem', () => {
  it('classifyItem(item with topics as a list) gives each known topic confidence 1', () => {
    expect(plain(classify(tax, { id: 'a', topics: ['thinspiration', 'ed-recovery'] }))).toEqual({
      triggering: { 'eating-disorder': 1 },
      recovery: { 'eating-disorder': 1 },
      topics: { thinspiration: 1, 'ed-recovery': 1 },
    });
  });

  it('classifyItem(item with topic confidences) gives each group the highest confidence of its topics, per role', () => {
    const item = {
      id: 'a',
      topics: { thinspiration: 0.3, 'pro-ana': 0.8, 'ed-recovery': 0.6, 'self-harm': 0.2 },
    };
    expect(plain(classify(tax, item))).toEqual({
      triggering: { 'eating-disorder': 0.8, 'self-harm': 0.2 },
      recovery: { 'eating-disorder': 0.6 },
      topics: { thinspiration: 0.3, 'pro-ana': 0.8, 'ed-recovery': 0.6, 'self-harm': 0.2 },
    });
  });

  it('classifyItem ignores unknown topics and leaves zero confidences out', () => {
    const item = { id: 'a', topics: { cooking: 1, 'suicide-prevention': 0, suicide: 0.5 } };
    expect(plain(classify(tax, item))).toEqual({
      triggering: { suicide: 0.5 },
      recovery: {},
      topics: { suicide: 0.5 },
    });
  });

  it.each([
    ['#Thin_Spo'],
    ['＃ＴＨＩＮＳＰＯ'],
    ['thin-spo'],
    ['#thinspoo'],
    ['#thyghgapp'],
    ['#THINSRPØ'],
  ])('classifyItem(item with hashtag %j) matches thinspiration after normalisation', (tag) => {
    const result = classify(tax, { id: 'a', hashtags: ['#cats', tag] });
    expect(result.triggering['eating-disorder']).toBe(1);
    expect(result.topics.thinspiration).toBe(1);
  });

  it('classifyItem lets a hashtag raise a topic given with a lower confidence to 1', () => {
    const result = classify(tax, {
      id: 'a',
      topics: { thinspiration: 0.2 },
      hashtags: ['#thinspo'],
    });
    expect(result.topics.thinspiration).toBe(1);
  });

  it('classifyItem does not find "ana" inside "banana" or "Montana" in text, but does find #ana', () => {
    expect(
      plain(classify(tax, { id: 'a', text: 'Banana bread from Montana, made by Ana' })),
    ).toEqual({
      triggering: {},
      recovery: {},
      topics: {},
    });
    expect(classify(tax, { id: 'a', text: 'banana #ana' }).topics['pro-ana']).toBe(1);
    expect(classify(tax, { id: 'a', hashtags: ['ANA'] }).topics['pro-ana']).toBe(1);
  });

  it('classifyItem reads recovery phrases in text as recovery, not as their triggering head', () => {
    const result = classify(tax, {
      id: 'a',
      text: 'Self harm recovery and suicide prevention stories',
    });
    expect(plain(result)).toEqual({
      triggering: {},
      recovery: { 'self-harm': 1, suicide: 1 },
      topics: { 'self-harm-recovery': 1, 'suicide-prevention': 1 },
    });
  });

  it('classifyItem(item with nothing to match) returns the shared empty result', () => {
    for (const item of [
      { id: 'a' },
      { id: 'a', hashtags: [], text: '' },
      { id: 'a', topics: {} },
      { id: 'a', topics: ['cooking'], hashtags: ['#food'], text: 'pasta night' },
    ]) {
      expect(classifyItem(tax, view(item))).toBe(tax.none);
    }
    expect(Array.from(tax.none.triggering)).toEqual([0, 0, 0]);
    expect(Array.from(tax.none.recovery)).toEqual([0, 0, 0]);
  });

  it('classifyItem stays correct when its per-call stamp wraps around', () => {
    const local = resolveTaxonomy(defaultTaxonomy, 'createRebalancer');
    const scratch = createClassifyScratch(local);
    const topicsOf = (item: unknown) =>
      classifyItem(local, view(item), scratch).topics.map((t) => local.topicIds[t]);
    // pro-ana keeps stamp 1 from the first call; after the wrap, stamp 1 comes round again.
    expect(topicsOf({ id: 'a', hashtags: ['#proana'] })).toEqual(['pro-ana']);
    scratch.clock = 0xffffffff - 1;
    expect(topicsOf({ id: 'b', hashtags: ['#thinspo'] })).toEqual(['thinspiration']);
    expect(topicsOf({ id: 'c', hashtags: ['#proana', '#thinspo', '#proana'] })).toEqual([
      'pro-ana',
      'thinspiration',
    ]);
    expect(topicsOf({ id: 'd', topics: { 'pro-ana': 0.5 }, hashtags: ['#proana'] })).toEqual([
      'pro-ana',
    ]);
  });

  it('classifyItem with the exact matcher agrees with a brute-force oracle on random taxonomies and items', () => {
    const word = fc.stringMatching(/^[a-d]{2,5}$/);
    const taxonomyArb = fc
      .uniqueArray(word, { minLength: 2, maxLength: 10 })
      .chain((topicIds) =>
        fc.record({
          topicIds: fc.constant(topicIds),
          groupOf: fc.array(fc.nat(2), { minLength: topicIds.length, maxLength: topicIds.length }),
          recoveryFlag: fc.array(fc.boolean(), {
            minLength: topicIds.length,
            maxLength: topicIds.length,
          }),
          terms: fc.array(fc.array(word, { maxLength: 3 }), {
            minLength: topicIds.length,
            maxLength: topicIds.length,
          }),
        }),
      )
      .map(({ topicIds, groupOf, recoveryFlag, terms }) => {
        const groups = [0, 1, 2].map((g) => ({
          id: `g${g}`,
          triggering: topicIds
            .filter((_, i) => groupOf[i] === g && !recoveryFlag[i])
            .map((id) => ({ id, terms: terms[topicIds.indexOf(id)]! })),
          recovery: topicIds
            .filter((_, i) => groupOf[i] === g && recoveryFlag[i])
            .map((id) => ({ id, terms: terms[topicIds.indexOf(id)]! })),
        }));
        return { groups: groups.filter((g) => g.triggering.length > 0) } satisfies TaxonomyInput;
      });
    const confidence = fc.oneof(
      fc.constant(0),
      fc.constant(1),
      fc.double({ min: 0, max: 1, noNaN: true }),
    );
    const itemArb = fc.record(
      {
        id: fc.constant('item'),
        topics: fc.oneof(
          fc.array(word, { maxLength: 4 }),
          fc.dictionary(word, confidence, { maxKeys: 4 }),
        ),
        hashtags: fc.array(
          fc.tuple(word, fc.constantFrom('', '#', '#_')).map(([w, p]) => p + w.toUpperCase()),
          { maxLength: 4 },
        ),
      },
      { requiredKeys: ['id'] },
    );
    fc.assert(
      fc.property(
        taxonomyArb,
        fc.array(itemArb, { minLength: 1, maxLength: 5 }),
        (input, items) => {
          // The oracle compares terms as `normalizeTerm` does: the exact matcher's rule.
          const t = resolveTaxonomy(input, 'createRebalancer', createExactMatcher);
          for (const item of items) {
            const compact = classifyItem(t, view(item));
            expect(new Set(compact.topics).size).toBe(compact.topics.length);
            expect(plain(toClassification(t, compact))).toEqual(oracle(input, item));
          }
        },
      ),
    );
  });
});

/** The specification, spelled out naively: per known topic the highest confidence of its sources. */
function oracle(
  input: TaxonomyInput,
  item: { topics?: string[] | Record<string, number>; hashtags?: string[] },
): ReturnType<typeof plain> {
  const out = {
    triggering: {} as Record<string, number>,
    recovery: {} as Record<string, number>,
    topics: {} as Record<string, number>,
  };
  const given = Array.isArray(item.topics)
    ? Object.fromEntries(item.topics.map((t) => [t, 1]))
    : (item.topics ?? {});
  const tags = (item.hashtags ?? []).map(normalizeTerm);
  for (const group of input.groups) {
    for (const [role, list] of [
      ['triggering', group.triggering],
      ['recovery', group.recovery ?? []],
    ] as const) {
      for (const topic of list) {
        let c = Object.prototype.hasOwnProperty.call(given, topic.id) ? given[topic.id]! : 0;
        if ((topic.terms ?? []).some((term) => tags.includes(normalizeTerm(term)))) c = 1;
        if (c > 0) {
          out.topics[topic.id] = c;
          out[role][group.id] = Math.max(out[role][group.id] ?? 0, c);
        }
      }
    }
  }
  return out;
}
