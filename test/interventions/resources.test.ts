import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import {
  DEFAULT_MAX_RESOURCE_AGE_DAYS,
  findStaleResources,
} from '../../src/interventions/findStaleResources.js';
import { isLocaleTag, localeChain } from '../../src/interventions/localeChain.js';
import { MAX_SIGNPOSTS, selectResources } from '../../src/interventions/selectResources.js';
import type { ResourceInput } from '../../src/interventions/types.js';
import { validateResources } from '../../src/interventions/validateResources.js';
import { SAMPLE_RESOURCES } from './sampleResources.js';

function rejection(input: unknown, groups?: ReadonlySet<string>): RebalanceError {
  try {
    validateResources(input, 'createRebalancer', groups);
  } catch (error) {
    if (error instanceof RebalanceError) return error;
    throw error;
  }
  throw new Error('expected validateResources to throw');
}

const valid: ResourceInput = SAMPLE_RESOURCES[0]!;

describe('validateResources', () => {
  it('validateResources(sample directory) indexes every entry under each of its groups, in directory order', () => {
    const directory = validateResources(structuredClone(SAMPLE_RESOURCES), 'createRebalancer');
    expect(directory.entries.map((r) => r.id)).toEqual(SAMPLE_RESOURCES.map((r) => r.id));
    expect(directory.byGroup.get('suicide')!.map((r) => r.id)).toEqual([
      'sample-crisis-gb',
      'sample-text-gb',
      'sample-crisis-en',
      'sample-crisis-any',
      'sample-crisis-es',
    ]);
    expect(directory.entries[0]!.verifiedAt).toBe(Date.UTC(2026, 8, 1));
    expect(directory.entries[0]!.localeKey).toBe('en-gb');
  });

  it.each([
    [[{ ...valid, locale: 'english' }], 'resources[0].locale', /must be a BCP 47 language tag/],
    [
      [valid, { ...valid }],
      'resources[1].id',
      /must be unique in the directory \(got "sample-crisis-gb"\)/,
    ],
    [[{ ...valid, groups: [] }], 'resources[0].groups', /must be a non-empty array/],
    [
      [{ ...valid, groups: ['suicide', 7] }],
      'resources[0].groups[1]',
      /must be a non-empty group id \(got 7\)/,
    ],
    [
      [{ ...valid, url: 'javascript:alert(1)' }],
      'resources[0].url',
      /must be an http:\/\/ or https:\/\/ address/,
    ],
    [
      [{ ...valid, lastVerified: '2026-02-30' }],
      'resources[0].lastVerified',
      /must be a date written YYYY-MM-DD/,
    ],
    [
      [{ id: 'x', name: 'n', groups: ['suicide'], locale: '*', lastVerified: '2026-01-01' }],
      'resources[0]',
      /must have a contact or a url/,
    ],
    [[{ ...valid, phone: '1' }], 'resources[0].phone', /is not a known field/],
    [[null], 'resources[0]', /must be an object \(got null\)/],
    [{}, 'resources', /must be an array/],
  ])(
    'validateResources rejects a bad entry with code resources at its path (%#)',
    (input, path, message) => {
      const error = rejection(input);
      expect(error.code).toBe('resources');
      expect(error.path).toBe(path);
      expect(error.message).toMatch(/^createRebalancer: /);
      expect(error.message).toMatch(message);
    },
  );

  it('validateResources checks groups against the taxonomy when known groups are given', () => {
    const error = rejection(
      [{ ...valid, groups: ['suicide', 'gambling'] }],
      new Set(['suicide', 'self-harm']),
    );
    expect(error.path).toBe('resources[0].groups[1]');
  });

  it('validateResources reports the first bad field of any single corrupted entry, and never mutates its input', () => {
    const bad: Record<string, unknown[]> = {
      id: ['', 3, null],
      name: ['', {}, 'x'.repeat(501)],
      groups: ['suicide', [], [''], null],
      locale: ['en_GB', '', 'e', 'toolonglanguage'],
      url: ['ftp://example.org', 'https://', 5],
      lastVerified: ['2026-1-1', '01/02/2026', 20260101, '2026-13-01'],
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SAMPLE_RESOURCES.length - 1 }),
        fc.constantFrom(...Object.keys(bad)),
        fc.nat(),
        (index, field, pick) => {
          const input = structuredClone(SAMPLE_RESOURCES) as unknown as Record<string, unknown>[];
          const values = bad[field]!;
          input[index]![field] = values[pick % values.length];
          const snapshot = JSON.stringify(input);
          const error = rejection(input);
          expect(error.path?.startsWith(`resources[${index}].${field}`)).toBe(true);
          expect(JSON.stringify(input)).toBe(snapshot);
        },
      ),
    );
  });
});

describe('locale fallback', () => {
  it.each([
    ['en-GB', ['en-gb', 'en', '*']],
    ['zh-Hant-TW', ['zh-hant-tw', 'zh-hant', 'zh', '*']],
    ['es-419', ['es-419', 'es', '*']],
    ['de-DE-u-co-phonebk', ['de-de-u-co-phonebk', 'de-de-u-co', 'de-de', 'de', '*']],
    ['*', ['*']],
    ['not a locale', ['*']],
  ])('localeChain(%j) is %j', (locale, chain) => {
    expect(localeChain(locale)).toEqual(chain);
  });

  it('isLocaleTag accepts well-formed BCP 47 tags and rejects others', () => {
    for (const tag of ['en', 'en-GB', 'EN-gb', 'sr-Latn-RS', 'es-419', 'zh-Hant', 'x-private', '*'])
      expect(isLocaleTag(tag)).toBe(true);
    for (const tag of ['', 'english', 'en_GB', 'e', 'en-', '-en', 'en--GB', 'en-GB-'])
      expect(isLocaleTag(tag)).toBe(false);
  });

  it('selectResources(directory, group, locale) matches a brute-force ranking by locale specificity, then directory order, at most three', () => {
    const locales = ['*', 'en', 'en-GB', 'en-US', 'es', 'fr-CA'];
    const entry = fc.record({
      locale: fc.constantFrom(...locales),
      groups: fc.subarray(['suicide', 'self-harm', 'eating-disorder'], { minLength: 1 }),
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 12 }),
        fc.constantFrom(...locales, 'en-GB-oxendict'),
        fc.constantFrom('suicide', 'eating-disorder'),
        fc.integer({ min: 1, max: 3 }),
        (list, locale, group, max) => {
          const directory = validateResources(
            list.map((e, i) => ({
              id: `r${i}`,
              name: `Sample ${i}`,
              groups: e.groups,
              locale: e.locale,
              url: 'https://example.org',
              lastVerified: '2026-01-01',
            })),
            'test',
          );
          const chain = localeChain(locale);
          const expected = directory.entries
            .map((r, i) => ({ r, i, rank: chain.indexOf(r.localeKey) }))
            .filter(({ r, rank }) => rank >= 0 && r.groups.includes(group))
            .sort((a, b) => a.rank - b.rank || a.i - b.i)
            .slice(0, max)
            .map(({ r }) => r.id);
          expect(selectResources(directory, group, locale, max).map((r) => r.id)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('selectResources refuses more than three signposts (Samaritans: two or three at a time)', () => {
    const directory = validateResources(SAMPLE_RESOURCES, 'test');
    expect(MAX_SIGNPOSTS).toBe(3);
    expect(() => selectResources(directory, 'suicide', 'en-GB', 4)).toThrow(RebalanceError);
    expect(selectResources(directory, 'suicide', 'en-GB').map((r) => r.id)).toEqual([
      'sample-crisis-gb',
      'sample-text-gb',
      'sample-crisis-en',
    ]);
    expect(selectResources(directory, 'suicide', 'es-MX').map((r) => r.id)).toEqual([
      'sample-crisis-es',
      'sample-crisis-any',
    ]);
  });
});

describe('findStaleResources', () => {
  it('findStaleResources lists exactly the entries older than maxAgeDays, with their age in whole days', () => {
    const directory = validateResources(SAMPLE_RESOURCES, 'test');
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.integer({ min: 0, max: 800 }),
        (at, maxAgeDays) => {
          const stale = findStaleResources(directory, { at, maxAgeDays });
          const expected = SAMPLE_RESOURCES.flatMap((r, i) => {
            const [y, m, d] = r.lastVerified.split('-').map(Number);
            const ageDays = Math.floor((at - Date.UTC(y!, m! - 1, d)) / 86_400_000);
            return ageDays > maxAgeDays
              ? [{ id: r.id, path: `[${i}]`, lastVerified: r.lastVerified, ageDays }]
              : [];
          });
          expect(stale).toEqual(expected);
        },
      ),
    );
    expect(DEFAULT_MAX_RESOURCE_AGE_DAYS).toBe(180);
    expect(findStaleResources(directory, { at: Date.UTC(2026, 9, 1) }).map((s) => s.id)).toEqual([
      'sample-text-gb',
      'sample-ed-gb',
    ]);
  });

  it('findStaleResources rejects a missing time rather than reading a clock', () => {
    const directory = validateResources(SAMPLE_RESOURCES, 'test');
    expect(() => findStaleResources(directory, {} as { at: number })).toThrow(
      /at must be a finite number/,
    );
  });
});
