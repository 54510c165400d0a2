import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyItem } from '../../src/taxonomy/classifyItem.js';
import { extendTaxonomy } from '../../src/taxonomy/extendTaxonomy.js';
import { defaultTaxonomy } from '../../src/taxonomy/presets/defaultTaxonomy.js';
import { resolveTaxonomy } from '../../src/taxonomy/resolveTaxonomy.js';
import { toClassification } from '../../src/taxonomy/toClassification.js';
import type { TaxonomyExtension, TaxonomyInput } from '../../src/taxonomy/types.js';
import { caught, deepFreeze, view } from './support.js';

const classify = (input: TaxonomyInput, item: unknown) => {
  const tax = resolveTaxonomy(input, 'createRebalancer');
  return toClassification(tax, classifyItem(tax, view(item)));
};

const gambling: TaxonomyExtension = {
  groups: [
    {
      id: 'gambling',
      label: 'gambling',
      triggering: [{ id: 'betting-tips', terms: ['bettingtips', 'surebet'] }],
      recovery: [{ id: 'gambling-support', terms: ['gamblingrecovery'] }],
    },
  ],
};

describe('extendTaxonomy', () => {
  it('extendTaxonomy(default, custom gambling group) appends a group that classifies', () => {
    const extended = extendTaxonomy(defaultTaxonomy, gambling);
    expect(extended.groups.map((g) => g.id)).toEqual([
      'eating-disorder',
      'self-harm',
      'suicide',
      'gambling',
    ]);
    const result = classify(extended, {
      id: 'a',
      hashtags: ['#Sure_Bet'],
      text: 'on my gambling recovery',
    });
    expect({ ...result.triggering }).toEqual({ gambling: 1 });
    expect({ ...result.recovery }).toEqual({ gambling: 1 });
    expect(
      classify(extended, { id: 'b', hashtags: ['#thinspo'] }).triggering['eating-disorder'],
    ).toBe(1);
  });

  it('extendTaxonomy adds terms to an existing topic, new topics to an existing group, and replaces a label', () => {
    const extended = extendTaxonomy(defaultTaxonomy, {
      groups: [
        {
          id: 'eating-disorder',
          label: 'eating disorders',
          triggering: [
            { id: 'pro-ana', terms: ['anabuddy', 'proana'] },
            { id: 'what-i-eat', tags: ['whatieatinaday'] },
          ],
          recovery: [{ id: 'ed-recovery', terms: ['recoveryispossible'] }],
        },
      ],
    });
    const group = extended.groups[0]!;
    expect(group.label).toBe('eating disorders');
    const proAna = group.triggering.find((t) => t.id === 'pro-ana')!;
    expect(proAna.terms).toEqual([
      ...defaultTaxonomy.groups[0]!.triggering.find((t) => t.id === 'pro-ana')!.terms!,
      'anabuddy',
    ]);
    expect(group.triggering.at(-1)).toEqual({ id: 'what-i-eat', tags: ['whatieatinaday'] });
    expect(classify(extended, { id: 'a', hashtags: ['#AnaBuddy'] }).topics['pro-ana']).toBe(1);
    expect(
      classify(extended, { id: 'a', hashtags: ['#whatieatinaday'] }).topics['what-i-eat'],
    ).toBe(1);
    expect(
      classify(extended, { id: 'a', text: 'recovery is possible' }).recovery['eating-disorder'],
    ).toBe(1);
  });

  it('extendTaxonomy never mutates base or extension and returns a deep-frozen taxonomy', () => {
    const base = deepFreeze(JSON.parse(JSON.stringify(defaultTaxonomy)) as TaxonomyInput);
    const extension = deepFreeze(JSON.parse(JSON.stringify(gambling)) as TaxonomyExtension);
    const before = JSON.stringify([base, extension]);
    const extended = extendTaxonomy(base, extension);
    expect(JSON.stringify([base, extension])).toBe(before);
    expect(Object.isFrozen(extended)).toBe(true);
    expect(Object.isFrozen(extended.groups)).toBe(true);
    expect(Object.isFrozen(extended.groups[3]!.triggering[0]!.terms)).toBe(true);
    expect(extended.groups[0]).not.toBe(base.groups[0]);
  });

  it('extendTaxonomy applied twice with the same extension changes nothing the second time', () => {
    const once = extendTaxonomy(defaultTaxonomy, gambling);
    expect(extendTaxonomy(once, gambling)).toEqual(once);
  });

  it.each<[string, unknown, unknown, string, string]>([
    [
      'an invalid base',
      { groups: [{ id: '', triggering: [] }] },
      gambling,
      'base.groups[0].id',
      'extendTaxonomy: base.groups[0].id',
    ],
    [
      'an extension that is not an object',
      defaultTaxonomy,
      'gambling',
      'extension',
      'extendTaxonomy: extension must be',
    ],
    [
      'a new group without triggering topics',
      defaultTaxonomy,
      { groups: [{ id: 'new', recovery: [{ id: 'r' }] }] },
      'extension.groups[0].triggering',
      'at least one topic',
    ],
    [
      'a topic of another group',
      defaultTaxonomy,
      { groups: [{ id: 'suicide', triggering: [{ id: 'thinspiration' }] }] },
      'extension.groups[0].triggering[0].id',
      'base.groups[0].triggering[0]',
    ],
    [
      'a triggering topic added as recovery',
      defaultTaxonomy,
      { groups: [{ id: 'eating-disorder', recovery: [{ id: 'pro-ana' }] }] },
      'extension.groups[0].recovery[0].id',
      'another group or role',
    ],
    [
      'a bad term',
      defaultTaxonomy,
      { groups: [{ id: 'suicide', triggering: [{ id: 'suicide', terms: [3] }] }] },
      'extension.groups[0].triggering[0].terms[0]',
      'must be a string',
    ],
    [
      'a 65th group',
      {
        groups: Array.from({ length: 64 }, (_, i) => ({
          id: `g${i}`,
          triggering: [{ id: `t${i}` }],
        })),
      },
      gambling,
      'extension.groups[0]',
      'above 64',
    ],
  ])(
    'extendTaxonomy with %s throws code taxonomy at the path',
    (_, base, extension, path, words) => {
      const error = caught(() =>
        extendTaxonomy(base as TaxonomyInput, extension as TaxonomyExtension),
      );
      expect(error.code).toBe('taxonomy');
      expect(error.path).toBe(path);
      expect(error.message).toContain(words);
    },
  );

  it('extendTaxonomy(base, random extension) classifies every term of both by its topic', () => {
    const word = fc.stringMatching(/^[a-f]{4,7}$/);
    const extensionArb = fc
      .uniqueArray(word, { minLength: 1, maxLength: 6 })
      .chain((ids) =>
        fc.record({
          ids: fc.constant(ids),
          groups: fc.array(fc.constantFrom('eating-disorder', 'self-harm', 'new-a', 'new-b'), {
            minLength: ids.length,
            maxLength: ids.length,
          }),
          terms: fc.array(fc.array(word, { minLength: 1, maxLength: 3 }), {
            minLength: ids.length,
            maxLength: ids.length,
          }),
        }),
      )
      .map(({ ids, groups, terms }): TaxonomyExtension => ({
        groups: [...new Set(groups)].map((g) => ({
          id: g,
          triggering: ids
            .filter((_, i) => groups[i] === g)
            .map((id) => ({ id: `x-${id}`, terms: terms[ids.indexOf(id)]! })),
        })),
      }));
    fc.assert(
      fc.property(extensionArb, (extension) => {
        const extended = extendTaxonomy(defaultTaxonomy, extension);
        const tax = resolveTaxonomy(extended, 'createRebalancer');
        for (const group of extension.groups) {
          for (const topic of group.triggering ?? []) {
            for (const term of topic.terms ?? []) {
              const result = toClassification(
                tax,
                classifyItem(tax, view({ id: 'i', hashtags: [`#${term}`] })),
              );
              expect(result.topics[topic.id]).toBe(1);
              expect(result.triggering[group.id]).toBe(1);
            }
          }
        }
        // The base comes first, unchanged; additions only follow it.
        defaultTaxonomy.groups.forEach((group, g) => {
          expect(extended.groups[g]!.id).toBe(group.id);
          expect(extended.groups[g]!.triggering.slice(0, group.triggering.length)).toEqual(
            group.triggering,
          );
          expect(extended.groups[g]!.recovery).toEqual(group.recovery);
        });
      }),
    );
  });
});
