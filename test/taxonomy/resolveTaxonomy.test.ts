import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyItem } from '../../src/taxonomy/classifyItem.js';
import { resolveTaxonomy } from '../../src/taxonomy/resolveTaxonomy.js';
import { toClassification } from '../../src/taxonomy/toClassification.js';
import { caught, deepFreeze, prototypeSnapshot, view } from './support.js';

const topic = (id: string, terms?: string[]) => (terms === undefined ? { id } : { id, terms });
const group = (id: string, triggering = [topic(`${id}-t`)], recovery: unknown[] = []) => ({
  id,
  triggering,
  recovery,
});
const throwing = (key: string, base: object) =>
  Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get() {
      throw new Error('hostile getter');
    },
  });
const revoked = (() => {
  const { proxy, revoke } = Proxy.revocable([], {});
  revoke();
  return proxy;
})();
const longId = 'x'.repeat(257);

/** [what is wrong, taxonomy, path of the error, words the message must contain] */
const invalid: [string, unknown, string, string][] = [
  ['not an object', null, '', 'must be an object with a groups array'],
  ['an array', [], '', 'must be an object'],
  ['no groups', {}, 'groups', 'must be an array of groups'],
  ['groups not an array', { groups: 'eating-disorder' }, 'groups', 'must be an array'],
  ['an unknown top-level field', { groups: [], extra: 1 }, 'extra', 'is not a known field'],
  [
    '65 groups',
    { groups: Array.from({ length: 65 }, (_, i) => group(`g${i}`)) },
    'groups',
    'at most 64',
  ],
  [
    'a group that is not an object',
    { groups: [group('a'), 7] },
    'groups[1]',
    'must be a group object',
  ],
  [
    'an empty group id',
    { groups: [{ ...group('a'), id: '' }] },
    'groups[0].id',
    'non-empty string',
  ],
  ['a group id of 257 characters', { groups: [group(longId)] }, 'groups[0].id', 'at most 256'],
  [
    'a numeric group id',
    { groups: [{ ...group('a'), id: 3 }] },
    'groups[0].id',
    'non-empty string',
  ],
  [
    'a repeated group id',
    { groups: [group('a'), group('b'), group('a')] },
    'groups[2].id',
    'unique',
  ],
  [
    'an empty label',
    { groups: [{ ...group('a'), label: '' }] },
    'groups[0].label',
    'non-empty string',
  ],
  [
    'an unknown group field',
    { groups: [{ ...group('a'), recover: [] }] },
    'groups[0].recover',
    'not a known field',
  ],
  [
    'no triggering topics',
    { groups: [{ id: 'a' }] },
    'groups[0].triggering',
    'must be an array of topics',
  ],
  [
    'an empty triggering list',
    { groups: [group('a', [])] },
    'groups[0].triggering',
    'at least one topic',
  ],
  [
    'recovery not an array',
    { groups: [{ ...group('a'), recovery: {} }] },
    'groups[0].recovery',
    'must be an array',
  ],
  [
    'a topic that is not an object',
    { groups: [group('a', ['t' as never])] },
    'groups[0].triggering[0]',
    'topic object',
  ],
  [
    'a topic without id',
    { groups: [group('a'), group('b', [{ terms: [] } as never])] },
    'groups[1].triggering[0].id',
    'non-empty string',
  ],
  [
    'a topic in two groups',
    { groups: [group('a', [topic('x')]), group('b', [topic('x')])] },
    'groups[1].triggering[0].id',
    'groups[0].triggering[0].id has it too',
  ],
  [
    'a topic in both roles',
    { groups: [group('a', [topic('x')], [topic('x')])] },
    'groups[0].recovery[0].id',
    'unique over all groups and roles',
  ],
  [
    'an unknown topic field',
    { groups: [group('a', [{ id: 'x', weight: 2 } as never])] },
    'groups[0].triggering[0].weight',
    'not a known field',
  ],
  [
    'terms not an array',
    { groups: [group('a', [{ id: 'x', terms: 'thinspo' } as never])] },
    'groups[0].triggering[0].terms',
    'must be an array of strings',
  ],
  [
    'a term that is not a string',
    { groups: [group('a', [topic('x', ['ok', 5 as never])])] },
    'groups[0].triggering[0].terms[1]',
    'must be a string',
  ],
  [
    'a term of 257 characters',
    { groups: [group('a', [topic('x', [longId])])] },
    'groups[0].triggering[0].terms[0]',
    'at most 256',
  ],
  [
    'a term of separators only',
    { groups: [group('a', [topic('x', ['# _-.'])])] },
    'groups[0].triggering[0].terms[0]',
    'other than # and separators',
  ],
  [
    'a bad tag',
    { groups: [group('a', [{ id: 'x', tags: [null] } as never])] },
    'groups[0].triggering[0].tags[0]',
    'must be a string',
  ],
  [
    '4,097 topics',
    {
      groups: [
        group(
          'a',
          Array.from({ length: 4_000 }, (_, i) => topic(`a${i}`)),
        ),
        group(
          'b',
          Array.from({ length: 97 }, (_, i) => topic(`b${i}`)),
        ),
      ],
    },
    'groups[1].triggering',
    'above 4096',
  ],
  [
    '100,001 terms',
    {
      groups: [
        group('a', [
          topic(
            'x',
            Array.from({ length: 60_000 }, (_, i) => `t${i}`),
          ),
          topic(
            'y',
            Array.from({ length: 40_001 }, (_, i) => `u${i}`),
          ),
        ]),
      ],
    },
    'groups[0].triggering[1].terms',
    'above 100000',
  ],
  ['a throwing groups getter', throwing('groups', {}), 'groups', 'could not be read'],
  [
    'a throwing group id getter',
    { groups: [throwing('id', { triggering: [topic('x')] })] },
    'groups[0].id',
    'could not be read',
  ],
  [
    'a throwing terms getter',
    { groups: [group('a', [throwing('terms', { id: 'x' }) as never])] },
    'groups[0].triggering[0].terms',
    'could not be read',
  ],
  [
    'a throwing ownKeys trap',
    {
      groups: [
        new Proxy(
          {},
          {
            ownKeys: () => {
              throw new Error('trap');
            },
          },
        ),
      ],
    },
    'groups[0]',
    'could not be read',
  ],
  ['a revoked proxy as groups', { groups: revoked }, 'groups', 'could not be read'],
];

describe('resolveTaxonomy', () => {
  it.each(invalid)(
    'resolveTaxonomy(taxonomy with %s) throws code taxonomy at the path',
    (_, input, path, words) => {
      const error = caught(() => resolveTaxonomy(input, 'createRebalancer'));
      expect(error.code).toBe('taxonomy');
      expect(error.path).toBe(path);
      expect(
        error.message.startsWith(`createRebalancer: taxonomy${path === '' ? '' : `.${path}`} `),
      ).toBe(true);
      expect(error.message).toContain(words);
    },
  );

  it('resolveTaxonomy(taxonomy with a bad value) states the value received in the message', () => {
    const error = caught(() =>
      resolveTaxonomy({ groups: [{ ...group('a'), id: 42 }] }, 'createRebalancer'),
    );
    expect(error.message).toContain('(got 42)');
  });

  it('resolveTaxonomy accepts __proto__, constructor and prototype as group, topic and term names without touching Object.prototype', () => {
    const before = prototypeSnapshot();
    const input = JSON.parse(
      JSON.stringify({
        groups: [
          {
            id: '__proto__',
            label: 'constructor',
            triggering: [{ id: 'constructor', terms: ['__proto__'] }],
            recovery: [{ id: 'prototype', terms: ['constructor'] }],
          },
          { id: 'constructor', triggering: [{ id: '__proto__', terms: ['prototype'] }] },
        ],
      }),
    ) as unknown;
    const tax = resolveTaxonomy(input, 'createRebalancer');
    expect(tax.groupIds).toEqual(['__proto__', 'constructor']);
    const item = JSON.parse(
      '{"id":"i","topics":{"__proto__":0.7},"hashtags":["#__proto__","#Constructor"]}',
    ) as unknown;
    const result = toClassification(tax, classifyItem(tax, view(item)));
    expect(Object.getPrototypeOf(result.triggering)).toBe(null);
    expect(Object.getOwnPropertyDescriptor(result.triggering, '__proto__')?.value).toBe(1);
    expect(Object.getOwnPropertyDescriptor(result.triggering, 'constructor')?.value).toBe(0.7);
    expect(Object.getOwnPropertyDescriptor(result.recovery, '__proto__')?.value).toBe(1);
    expect(Object.keys(result.topics).sort()).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(prototypeSnapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('resolveTaxonomy never mutates its input (deep-frozen input is accepted and stays equal)', () => {
    const input = {
      groups: [
        {
          id: 'a',
          label: 'A',
          triggering: [topic('x', ['#X', 'x x']), { id: 'y', tags: ['y'] }],
          recovery: [topic('r', ['rr'])],
        },
        group('b'),
      ],
    };
    const snapshot = JSON.stringify(input);
    const tax = resolveTaxonomy(deepFreeze(input), 'createRebalancer');
    expect(JSON.stringify(input)).toBe(snapshot);
    expect(tax.input).toEqual(input);
    expect(tax.input).not.toBe(input);
    expect(Object.isFrozen(tax.input.groups[0]!.triggering[0]!.terms)).toBe(true);
  });

  it('resolveTaxonomy compiles ids in order, labels (id by default) and a topic map with group and role', () => {
    const tax = resolveTaxonomy(
      {
        groups: [
          {
            id: 'a',
            label: 'Alpha',
            triggering: [topic('t1'), topic('t2')],
            recovery: [topic('r1')],
          },
          group('b'),
        ],
      },
      'createRebalancer',
    );
    expect(tax.groups.map((g) => [g.id, g.label])).toEqual([
      ['a', 'Alpha'],
      ['b', 'b'],
    ]);
    expect(tax.topicIds).toEqual(['t1', 't2', 'r1', 'b-t']);
    expect(tax.groups[0]!.triggering).toEqual([0, 1]);
    expect(tax.groups[0]!.recovery).toEqual([2]);
    expect(tax.topics.get('r1')).toEqual({ index: 2, group: 0, recovery: true });
    expect(tax.topics.get('b-t')).toEqual({ index: 3, group: 1, recovery: false });
    expect(tax.groupIndex.get('b')).toBe(1);
    expect(tax.hasTerms).toBe(false);
  });

  it('resolveTaxonomy(input, api, factory) builds the matcher with the given factory from every term, with its group and role', () => {
    const seen: unknown[] = [];
    const tax = resolveTaxonomy(
      {
        groups: [
          {
            id: 'a',
            triggering: [{ id: 'x', terms: ['one'], tags: ['two'] }],
            recovery: [topic('r', ['three'])],
          },
        ],
      },
      'createRebalancer',
      (entries) => {
        seen.push(...entries);
        return { matchTag: () => ['r'], scanText: () => [] };
      },
    );
    expect(seen).toEqual([
      { term: 'one', topic: 'x', group: 'a', role: 'triggering' },
      { term: 'two', topic: 'x', tagOnly: true, group: 'a', role: 'triggering' },
      { term: 'three', topic: 'r', group: 'a', role: 'recovery' },
    ]);
    const result = toClassification(
      tax,
      classifyItem(tax, view({ id: 'i', hashtags: ['anything'] })),
    );
    expect(result.recovery).toEqual(Object.assign(Object.create(null), { a: 1 }));
  });

  it('resolveTaxonomy accepts any valid generated taxonomy and keeps its groups and topics in order', () => {
    const id = fc.string({ minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        fc.uniqueArray(id, { minLength: 1, maxLength: 6 }),
        fc.uniqueArray(id, { minLength: 6, maxLength: 12 }),
        (groupIds, topicIds) => {
          const groups = groupIds.map((g, i) => ({
            id: g,
            triggering: [topic(topicIds[i]!, ['abc'])],
          }));
          const tax = resolveTaxonomy(deepFreeze({ groups }), 'createRebalancer');
          expect(tax.groupIds).toEqual(groupIds);
          expect(tax.topicIds).toEqual(topicIds.slice(0, groupIds.length));
        },
      ),
    );
  });
});
