import { describe, expect, it } from 'vitest';
import { classifyItem } from '../../src/taxonomy/classifyItem.js';
import { defaultTaxonomy } from '../../src/taxonomy/presets/defaultTaxonomy.js';
import { resolveTaxonomy } from '../../src/taxonomy/resolveTaxonomy.js';
import { toClassification } from '../../src/taxonomy/toClassification.js';
import type { TaxonomyInput } from '../../src/taxonomy/types.js';
import { createRebalancer } from '../../src/facade/createRebalancer.js';
import { presets } from '../../src/presets/presets.js';
import { view } from './support.js';

const tax = resolveTaxonomy(defaultTaxonomy, 'createRebalancer');
const classify = (item: unknown) => toClassification(tax, classifyItem(tax, view(item)));

function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

describe('defaultTaxonomy', () => {
  it('defaultTaxonomy has the groups and topic ids the design names, with labels for audit text', () => {
    const byId = new Map(defaultTaxonomy.groups.map((g) => [g.id, g]));
    const ids = (list: readonly { id: string }[] | undefined) => (list ?? []).map((t) => t.id);
    expect(ids(byId.get('eating-disorder')?.triggering)).toEqual(
      expect.arrayContaining([
        'thinspiration',
        'pro-ana',
        'extreme-dieting',
        'pro-mia',
        'meanspo',
        'bonespo',
        'body-checking',
      ]),
    );
    expect(ids(byId.get('eating-disorder')?.recovery)).toContain('ed-recovery');
    expect(ids(byId.get('self-harm')?.triggering)).toContain('self-harm');
    expect(ids(byId.get('self-harm')?.recovery)).toContain('self-harm-recovery');
    expect(ids(byId.get('suicide')?.triggering)).toContain('suicide');
    expect(ids(byId.get('suicide')?.recovery)).toContain('suicide-prevention');
    expect(tax.groups.map((g) => g.label)).toEqual(['eating disorder', 'self-harm', 'suicide']);
  });

  it('defaultTaxonomy is deeply frozen, so no caller can change it for another', () => {
    expect(isDeepFrozen(defaultTaxonomy)).toBe(true);
  });

  it('defaultTaxonomy gives every topic at least one term or tag', () => {
    for (const group of defaultTaxonomy.groups)
      for (const topic of [...group.triggering, ...(group.recovery ?? [])])
        expect((topic.terms ?? []).length + (topic.tags ?? []).length).toBeGreaterThan(0);
  });

  // Hashtags named in the design brief and in the evasive-spelling literature (Chancellor et al.,
  // CSCW 2016; Stewart et al. 2017), with the group and role each must land in.
  it.each([
    ['#thinspo', 'triggering', 'eating-disorder', 'thinspiration'],
    ['#thinspiration', 'triggering', 'eating-disorder', 'thinspiration'],
    ['#thinspoo', 'triggering', 'eating-disorder', 'thinspiration'],
    ['#thinspao', 'triggering', 'eating-disorder', 'thinspiration'],
    ['#thinsrpø', 'triggering', 'eating-disorder', 'thinspiration'],
    ['#thyghgap', 'triggering', 'eating-disorder', 'thinspiration'],
    ['#thyghgapp', 'triggering', 'eating-disorder', 'thinspiration'],
    ['#proana', 'triggering', 'eating-disorder', 'pro-ana'],
    ['#edtwt', 'triggering', 'eating-disorder', 'pro-ana'],
    ['#anarexyia', 'triggering', 'eating-disorder', 'pro-ana'],
    ['#ana', 'triggering', 'eating-disorder', 'pro-ana'],
    ['#mia', 'triggering', 'eating-disorder', 'pro-mia'],
    ['#meanspo', 'triggering', 'eating-disorder', 'meanspo'],
    ['#bonespo', 'triggering', 'eating-disorder', 'bonespo'],
    ['#SkinnyTok', 'triggering', 'eating-disorder', 'extreme-dieting'],
    ['#bodycheck', 'triggering', 'eating-disorder', 'body-checking'],
    ['#sh', 'triggering', 'self-harm', 'self-harm'],
    ['#selfharm', 'triggering', 'self-harm', 'self-harm'],
    ['#selfharn', 'triggering', 'self-harm', 'self-harm'],
    ['#ehtilb', 'triggering', 'self-harm', 'self-harm'],
    ['#secretsociety123', 'triggering', 'self-harm', 'self-harm'],
    ['#suicide', 'triggering', 'suicide', 'suicide'],
    ['#kms', 'triggering', 'suicide', 'suicide'],
    ['#unalive', 'triggering', 'suicide', 'suicide'],
    ['#sewerslide', 'triggering', 'suicide', 'suicide'],
    ['#edrecovery', 'recovery', 'eating-disorder', 'ed-recovery'],
    ['#prorecovery', 'recovery', 'eating-disorder', 'ed-recovery'],
    ['#selfharmrecovery', 'recovery', 'self-harm', 'self-harm-recovery'],
    ['#suicideprevention', 'recovery', 'suicide', 'suicide-prevention'],
  ] as const)('classify({ hashtags: [%j] }) is %s for %s (topic %s)', (tag, role, group, topic) => {
    const result = classify({ id: 'a', hashtags: [tag] });
    expect(result[role][group]).toBe(1);
    expect(result.topics[topic]).toBe(1);
    expect(Object.keys(result.triggering).length + Object.keys(result.recovery).length).toBe(1);
  });

  it('defaultTaxonomy matches every term as a word of text and every tag only as a #hashtag', () => {
    for (const group of defaultTaxonomy.groups) {
      for (const topic of [...group.triggering, ...(group.recovery ?? [])]) {
        for (const term of topic.terms ?? []) {
          expect(classify({ id: 'a', text: `Look: ${term}, today` }).topics[topic.id]).toBe(1);
        }
        for (const tag of topic.tags ?? []) {
          expect(
            classify({ id: 'a', text: `Look: ${tag}, today` }).topics[topic.id],
          ).toBeUndefined();
          expect(classify({ id: 'a', text: `Look: #${tag}, today` }).topics[topic.id]).toBe(1);
        }
      }
    }
  });

  it.each([
    ['Banana bread from Montana'],
    ['Ana and Mia are in Miami'],
    ['988 Suicide & Crisis Lifeline: call or text'],
    ['sh, the baby is asleep'],
    ['inspiration for a thin crust pizza'],
    ['#cat #catsofinstagram'],
  ])('classify({ text: %j }) matches nothing in ordinary text', (text) => {
    const result = classify({ id: 'a', text });
    expect({ ...result.topics }).toEqual({});
  });
});

describe('leaving the code names out of the default taxonomy (docs/interventions.md)', () => {
  const CODE_NAMES = new Set(['ana', 'mia']);
  const withoutCodeNames: TaxonomyInput = {
    groups: defaultTaxonomy.groups.map((group) => ({
      ...group,
      triggering: group.triggering.map((topic) => ({
        ...topic,
        tags: (topic.tags ?? []).filter((tag) => !CODE_NAMES.has(tag)),
      })),
    })),
  };
  const rb = createRebalancer({ taxonomy: withoutCodeNames, policy: presets.policies.balanced });

  it('reads a name tagged alone as nothing, and every other term as the default does', () => {
    expect(classify({ id: 'a', hashtags: ['#ana', '#birthday'] }).topics['pro-ana']).toBe(1);
    expect({ ...rb.classify({ id: 'a', hashtags: ['#ana', '#birthday'] }).topics }).toEqual({});
    expect({ ...rb.classify({ id: 'm', hashtags: ['#mia'] }).topics }).toEqual({});
    expect({ ...rb.classify({ id: 'b', hashtags: ['#proana'] }).topics }).toEqual({ 'pro-ana': 1 });
    expect({ ...rb.classify({ id: 's', hashtags: ['#sh'] }).topics }).toEqual({ 'self-harm': 1 });
  });
});
