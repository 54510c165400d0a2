import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEvasiveMatcher,
  createRebalancer,
  presets,
  RebalanceError,
  type Item,
  type TermMatcherFactory,
} from '../../src/index.js';
import { readItem, type ItemSite } from '../../src/item/readItem.js';
import { CHECK_EMBEDDING } from '../../src/item/embeddingRows.js';
import { classifyItem } from '../../src/taxonomy/classifyItem.js';
import { ItemMarker } from '../../src/taxonomy/ItemMarker.js';
import { resolveTaxonomy } from '../../src/taxonomy/resolveTaxonomy.js';
import { contentArbitrary, FEED_MIX } from '../../src/testing/arbitraries/content.js';
import { vocabularyOf } from '../../src/testing/arbitraries/vocabulary.js';

const taxonomyInput = presets.taxonomies.default;
const vocabulary = vocabularyOf(taxonomyInput);
const exact = resolveTaxonomy(taxonomyInput, 'test');
const evasive = resolveTaxonomy(taxonomyInput, 'test', createEvasiveMatcher);

// Captions made of the vocabulary's terms (some spelled evasively by the content arbitrary's
// hashtags already) and everyday words, so that text matching finds something often.
const words = [
  ...vocabulary.triggering.flatMap((t) => t.terms),
  ...vocabulary.recovery.flatMap((t) => t.terms),
  'banana bread',
  'montana',
  'proud of you',
  'new post',
].map((w) => w.replace(/^#/, ''));
const items = fc.record({
  content: contentArbitrary(vocabulary, { ...FEED_MIX, ordinary: 3 }),
  caption: fc.option(fc.array(fc.constantFrom(...words), { maxLength: 4 }), { freq: 2 }),
  minConfidence: fc.constantFrom(0.3, 0.5, 0.51, 0.7, 1),
});

const site: ItemSite = { api: 'test', path: 'items', index: 0, code: 'item' };

describe('ItemMarker', () => {
  it('marks exactly the groups classifyItem finds at or above the threshold, with either matcher (500 runs)', () => {
    fc.assert(
      fc.property(items, ({ content, caption, minConfidence }) => {
        const item: Item =
          caption === null
            ? { id: 'x', ...content }
            : { id: 'x', ...content, text: caption.join(' ') };
        for (const taxonomy of [exact, evasive]) {
          const groups = taxonomy.groupIds.length;
          const triggering = new Uint8Array(2 * groups);
          const recovery = new Uint8Array(2 * groups);
          const marker = new ItemMarker(
            {
              taxonomy,
              minConfidence: new Float64Array(groups).fill(minConfidence),
              classify: true,
              keepViews: true,
            },
            site,
            CHECK_EMBEDDING,
            triggering,
            recovery,
          );
          // Row 1, so that an offset mistake shows.
          expect(marker.read(item, groups)).toBe('x');
          const view = readItem(item, site);
          const cls = classifyItem(taxonomy, view);
          let mask = 0;
          for (let g = 0; g < groups; g++) {
            const t = cls.triggering[g]! >= minConfidence ? 1 : 0;
            expect([triggering[g], triggering[groups + g]]).toEqual([0, t]);
            expect([recovery[g], recovery[groups + g]]).toEqual([
              0,
              cls.recovery[g]! >= minConfidence ? 1 : 0,
            ]);
            mask |= t << g;
          }
          expect(marker.mask).toBe(mask);
          expect(marker.view).toEqual({ ...view, embedding: -1 });
          marker.clear(groups);
          expect(triggering.every((f) => f === 0) && recovery.every((f) => f === 0)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("a matcher's own error reaches the caller of rebalance and observe unchanged", () => {
    const boom = new TypeError('matcher broke');
    const throwing: TermMatcherFactory = () => ({
      matchTag: () => {
        throw boom;
      },
      scanText: () => [],
    });
    const rb = createRebalancer({
      taxonomy: taxonomyInput,
      // Caps at every level, so that rebalance classifies candidates even for a new user.
      policy: presets.policies.dispersion,
      matcher: throwing,
    });
    const item = { id: 'a', hashtags: ['#anything'] };
    expect(() => rb.observe(rb.emptyState(), { item, at: 0 })).toThrow(boom);
    expect(() => rb.rebalance({ candidates: [item], state: rb.emptyState(), at: 0 })).toThrow(boom);
    // The marker is usable again: a later item's getter error is still reported as such.
    const bad = {
      id: 'b',
      get topics(): string[] {
        throw new Error('getter');
      },
    };
    let caught: unknown;
    try {
      rb.observe(rb.emptyState(), { item: bad, at: 0 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RebalanceError);
    expect((caught as RebalanceError).path).toBe('impressions[0].item.topics');
  });

  it('observe gives the same state when a topic getter re-enters observe mid-item', () => {
    const rb = createRebalancer({ taxonomy: taxonomyInput, policy: presets.policies.protective });
    const plain = Array.from({ length: 6 }, (_, i) => ({
      item: { id: `i${i}`, topics: ['pro-ana', 'suicide-prevention'] },
      at: i * 1000,
    }));
    const expected = rb.observe(rb.emptyState(), plain);
    const reentrant = plain.map(({ item, at }) => {
      const topics = new Proxy(item.topics, {
        get(target, key, receiver) {
          // A nested observe of an item of another group, while this item is being marked.
          if (key === '1')
            rb.observe(rb.emptyState(), { item: { id: 'n', topics: ['self-harm'] }, at });
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      return { item: { id: item.id, topics }, at };
    });
    expect(rb.observe(rb.emptyState(), reentrant)).toEqual(expected);
  });
});
