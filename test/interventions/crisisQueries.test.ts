import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRebalancer } from '../../src/facade/createRebalancer.js';
import { DEFAULT_CRISIS_TERMS } from '../../src/interventions/queries/crisisTerms.js';
import { topicGroupsOf } from '../../src/interventions/topicGroupsOf.js';
import { presets } from '../../src/presets/presets.js';
import { createEvasiveMatcher } from '../../src/taxonomy/evasive/createEvasiveMatcher.js';
import { createExactMatcher } from '../../src/taxonomy/match/createExactMatcher.js';
import { resolveTaxonomy } from '../../src/taxonomy/resolveTaxonomy.js';
import type { TermMatcherFactory } from '../../src/taxonomy/match/types.js';
import fixture from '../fixtures/queries/queries.json' with { type: 'json' };
import { SAMPLE_RESOURCES } from './sampleResources.js';
import { scoreQueries, type LabelledQuery } from './scoreQueries.js';

const queries = fixture.queries as LabelledQuery[];

// The default matcher is the evasive one; a host may opt into the exact one, and the
// interceptor must be right with both.
const MATCHERS: readonly [string, TermMatcherFactory | undefined][] = [
  ['the default (evasive) matcher', undefined],
  ['the exact matcher', createExactMatcher],
];

function rebalancer(matcher: TermMatcherFactory | undefined) {
  return createRebalancer({
    taxonomy: presets.taxonomies.default,
    policy: presets.policies.balanced,
    resources: SAMPLE_RESOURCES,
    ...(matcher === undefined ? {} : { matcher }),
  });
}

describe.each(MATCHERS)('rb.interceptQuery with %s', (_, matcher) => {
  const rb = rebalancer(matcher);
  const groupOf = (query: string): string | null =>
    rb.interceptQuery(query, { locale: 'en-GB' })?.group ?? null;

  it('answers the labelled crisis queries with recall >= 0.95 and precision >= 0.98', () => {
    const score = scoreQueries(queries, groupOf);
    const report =
      `precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}\n` +
      `missed: ${JSON.stringify(score.missed)}\nfalse: ${JSON.stringify(score.falseAlarms)}`;
    expect(queries.length, 'fixture size').toBeGreaterThanOrEqual(200);
    expect(score.recall, report).toBeGreaterThanOrEqual(0.95);
    expect(score.precision, report).toBeGreaterThanOrEqual(0.98);
  });

  it('answers every labelled name with null, and every code-word query with its group', () => {
    const wrong = queries
      .filter((q) => q.category === 'name' || q.category === 'code-word')
      .map((q) => ({ query: q.query, expected: q.expected, got: groupOf(q.query) }))
      .filter((r) => r.got !== r.expected);
    expect(wrong).toEqual([]);
  });

  it('answers every search for a means, for hiding self-harm, or to purge or starve with its group', () => {
    const means = queries.filter((q) => q.category === 'means');
    expect(means.length, 'means queries in the fixture').toBeGreaterThanOrEqual(40);
    expect(new Set(means.map((q) => q.language))).toEqual(new Set(['en', 'es', 'fr', 'de', 'pt']));
    const wrong = means
      .map((q) => ({ query: q.query, expected: q.expected, got: groupOf(q.query) }))
      .filter((r) => r.got !== r.expected);
    expect(wrong).toEqual([]);
  });

  it('answers no group at all to the benign queries, eating-disorder look-alikes included', () => {
    const answered = queries
      .filter((q) => q.expected === null)
      .map((q) => ({ query: q.query, got: groupOf(q.query) }))
      .filter((r) => r.got !== null);
    expect(answered).toEqual([]);
  });

  it('keeps the support searches of every language as mental-health banners', () => {
    const support = queries.filter((q) => q.category === 'support');
    expect(new Set(support.map((q) => q.language))).toEqual(
      new Set(['en', 'es', 'fr', 'de', 'pt']),
    );
    for (const q of support) {
      const result = rb.interceptQuery(q.query, { locale: 'en-GB' });
      expect({ query: q.query, group: result?.group, kind: result?.kind }).toEqual({
        query: q.query,
        group: 'mental-health',
        kind: 'banner',
      });
    }
  });

  it.each([
    ['kill myself', 'suicide'],
    ['sucide', 'suicide'],
    ['ana de armas', null],
    ['quiero morir', 'suicide'],
    ['ich will sterben', 'suicide'],
    ['me scarifier', 'self-harm'],
    ['ritzen', 'self-harm'],
  ])('interceptQuery(%j) answers %j', (query, group) => {
    expect(groupOf(query)).toBe(group);
  });

  it('answers a crisis query with the resources of its group in locale-fallback order', () => {
    const result = rb.interceptQuery('i want to end it all', { locale: 'en-GB' });
    expect(result?.kind).toBe('resources');
    expect(result?.topics).toEqual(['suicide']);
    expect(result?.resources.map((r) => r.id)).toEqual([
      'sample-crisis-gb',
      'sample-text-gb',
      'sample-crisis-en',
    ]);
  });
});

describe('the reading steps of rb.interceptQuery, one example each', () => {
  const rb = rebalancer(undefined);
  it.each([
    ['KÍLL MYSÉLF', 'normal form: case and accents'],
    ['kill\u200bmyself', 'normal form: invisible characters'],
    ['suicid3', 'normal form: leetspeak'],
    ['k i l l myself', 'spaced letters joined'],
    ['i w a n t t o d i e', 'spaced letters split into known words'],
    ['iwanttodie', 'words run together split into known words'],
    ['#iwanttodie', 'a hashtag of words run together'],
    ['i-want-to-die', 'words joined by hyphens'],
    ['wanna die', 'texting form'],
    ['want 2 die', 'texting form'],
    ['imma end it all', 'texting form'],
    ['i dont want to live', 'contraction'],
    ['jveux mourir', 'texting form (French)'],
    ['kiero morir', 'texting form (Spanish)'],
    ["j'ai envie de me tuer", 'French elision'],
    ['kil mysef', 'one spelling edit on a word of five letters or more'],
    ['killmyself', 'phrase with its word break dropped'],
    ['kill my self', 'phrase with its word break moved'],
    ['sucide', 'one spelling edit on a single word of seven letters or more'],
  ])('interceptQuery(%j) answers suicide (%s)', (query) => {
    expect(rb.interceptQuery(query, { locale: 'en' })?.group).toBe('suicide');
  });
});

describe('code-word rules of rb.interceptQuery', () => {
  const rb = rebalancer(createEvasiveMatcher);
  const groupOf = (query: string): string | null =>
    rb.interceptQuery(query, { locale: 'en' })?.group ?? null;

  it.each([
    ['ana', null],
    ['#ana', 'eating-disorder'],
    ['ana tips', 'eating-disorder'],
    ['tips for ana', 'eating-disorder'],
    ['ana de armas', null],
    ['mia', null],
    ['mia khalifa', null],
    ['mia tips', 'eating-disorder'],
    ['kms', 'suicide'],
    ['how to kms', 'suicide'],
    ['5 kms run', null],
    ['10kms', null],
    ['kms to miles', null],
    ['sh', null],
    ['#sh', 'self-harm'],
    ['sh scars', 'self-harm'],
    ['sh script scars', null],
    ['svv', 'self-harm'],
  ])('interceptQuery(%j) answers %j', (query, group) => {
    expect(groupOf(query)).toBe(group);
  });

  it('a short taxonomy term without a rule counts only as a hashtag', () => {
    const rb2 = createRebalancer({
      taxonomy: {
        groups: [{ id: 'suicide', triggering: [{ id: 'suicide', tags: ['sue'] }] }],
      },
    });
    expect(rb2.interceptQuery('sue my landlord', { locale: 'en' })).toBeNull();
    expect(rb2.interceptQuery('sue tips', { locale: 'en' })).toBeNull();
    expect(rb2.interceptQuery('#sue', { locale: 'en' })?.group).toBe('suicide');
  });
});

describe('rb.interceptQuery on hostile input', () => {
  const rb = rebalancer(createEvasiveMatcher);
  const intercept = (query: string) => rb.interceptQuery(query, { locale: 'en' });

  it('reads only the first 500 characters of a 1 MB query', () => {
    const filler = 'banana bread '.repeat(80_000); // > 1 MB
    expect(filler.length).toBeGreaterThan(1_000_000);
    expect(intercept(filler)).toBeNull();
    expect(intercept(`kill myself ${filler}`)?.group).toBe('suicide');
    // Past the cap a crisis phrase is not read: the cap is what bounds the work.
    expect(intercept(`${filler} kill myself`)).toBeNull();
  });

  it('answers pathological spacing as it answers its first 500 characters', () => {
    const cases = [
      'k '.repeat(600_000),
      'k i l l m y s e l f '.repeat(60_000),
      ' \u200b'.repeat(600_000),
      `${'\u0301'.repeat(600_000)}kill myself`,
      '#'.repeat(1_100_000),
    ];
    for (const query of cases) {
      expect(intercept(query)).toEqual(intercept(query.slice(0, 500)));
    }
    expect(intercept('i want to k i l l myself '.repeat(50_000))?.group).toBe('suicide');
  });
});

describe('the query vocabulary options', () => {
  it('crisisTerms replaces the default list; spreading the default extends it', () => {
    const none = createRebalancer({ taxonomy: presets.taxonomies.default, crisisTerms: [] });
    expect(none.interceptQuery('kill myself', { locale: 'en' })).toBeNull();
    const more = createRebalancer({
      taxonomy: presets.taxonomies.default,
      crisisTerms: [{ term: 'quiero desaparecer', topic: 'suicide' }],
    });
    expect(more.interceptQuery('kiero desaparecer', { locale: 'es' })?.group).toBe('suicide');
  });

  it('benignPhrases replaces the default list', () => {
    const none = createRebalancer({ taxonomy: presets.taxonomies.default, benignPhrases: [] });
    expect(none.interceptQuery('suicide squad', { locale: 'en' })?.group).toBe('suicide');
    const rb = createRebalancer({ taxonomy: presets.taxonomies.default });
    expect(rb.interceptQuery('suicide squad', { locale: 'en' })).toBeNull();
    expect(rb.interceptQuery('suicide squad i want to die', { locale: 'en' })?.group).toBe(
      'suicide',
    );
  });

  it('a crisis topic the taxonomy lacks answers as the group of the same name', () => {
    const rb = createRebalancer({
      taxonomy: { groups: [{ id: 'gambling', triggering: [{ id: 'betting', terms: ['bet'] }] }] },
    });
    expect(rb.interceptQuery('i want to kill myself', { locale: 'en' })).toEqual({
      group: 'suicide',
      kind: 'resources',
      topics: ['suicide'],
      resources: [],
    });
  });

  it.each([
    [{ crisisTerms: 'kill myself' }, 'crisisTerms'],
    [{ crisisTerms: [{ term: 'x', topic: '' }] }, 'crisisTerms[0].topic'],
    [{ crisisTerms: [{ term: 'x', topic: 'suicide', extra: 1 }] }, 'crisisTerms[0].extra'],
    [{ benignPhrases: ['ok', 5] }, 'benignPhrases[1]'],
    [{ codeWords: [{ word: 'ana', with: 'tips' }] }, 'codeWords[0].with'],
    [{ codeWords: [{ word: '' }] }, 'codeWords[0].word'],
  ])('createRebalancer rejects %j with code policy at %j', (options, path) => {
    expect(() =>
      createRebalancer({ taxonomy: presets.taxonomies.default, ...options } as never),
    ).toThrow(
      expect.objectContaining({
        code: 'policy',
        path,
        message: expect.stringMatching(/^createRebalancer: /) as unknown,
      }),
    );
  });
});

describe('rb.interceptQuery properties', () => {
  // A phrase answers with its topic's group in the taxonomy ("pro-mia" → eating-disorder).
  const groupOfTopic = topicGroupsOf(resolveTaxonomy(presets.taxonomies.default, 'test'));
  const rb = rebalancer(createEvasiveMatcher);
  const groupOf = (query: string): string | null =>
    rb.interceptQuery(query, { locale: 'en' })?.group ?? null;
  // Crisis queries of the fixture that are answered as written, in all five languages.
  const answered = queries.filter(
    (q) =>
      (q.expected === 'suicide' || q.expected === 'self-harm') &&
      q.category === 'intent' &&
      groupOf(q.query) === q.expected,
  );

  it('a crisis query still intercepts with the letters of one of its words spaced apart', () => {
    fc.assert(
      fc.property(fc.constantFrom(...answered), fc.nat(), (q, pick) => {
        const words = q.query.split(' ');
        const w = pick % words.length;
        words[w] = Array.from(words[w]!).join(' ');
        expect(groupOf(words.join(' '))).toBe(q.expected);
      }),
    );
  });

  it('a default crisis phrase still intercepts with every letter spaced apart', () => {
    const phrases = DEFAULT_CRISIS_TERMS.filter((e) => e.term.length > 3);
    fc.assert(
      fc.property(
        fc.constantFrom(...phrases),
        fc.constantFrom(' ', '  ', ' . ', '\t', ' \u200b '),
        (e, gap) => {
          const spaced = Array.from(e.term.replace(/ /g, '')).join(gap);
          expect(groupOf(spaced)).toBe(groupOfTopic.get(e.topic) ?? e.topic);
        },
      ),
    );
  });

  it('a default crisis phrase still intercepts with its words run together behind "i" or "how to"', () => {
    // Phrases with a one-letter word ("voy a matarme") are left out: a lone letter is a word the
    // splitter cannot tell from the letters around it.
    const phrases = DEFAULT_CRISIS_TERMS.filter((e) => /^\S{2,}( \S{2,})+$/u.test(e.term));
    const wrong: string[] = [];
    for (const e of phrases)
      for (const before of [['i'], ['how', 'to']])
        for (const join of ['', '-', '_'])
          for (const hash of ['', '#']) {
            const query = hash + [...before, ...e.term.split(' ')].join(join);
            if (groupOf(query) !== (groupOfTopic.get(e.topic) ?? e.topic)) wrong.push(query);
          }
    expect(phrases.length).toBeGreaterThan(200);
    expect(wrong).toEqual([]);
  });

  // Case changed, a combining accent after some letters, an invisible character after some
  // characters (zero-width space, joiners, word joiner, byte-order mark, soft hyphen): what a
  // search box receives when someone types around a filter, or pastes from a post that does.
  const marks = ['\u0301', '\u0300', '\u0308', '\u0303'];
  const invisible = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
  const disguise = (query: string, dice: Iterator<number>): string => {
    let out = '';
    for (const ch of query) {
      const roll = dice.next().value as number;
      out += roll % 2 === 0 ? ch.toUpperCase() : ch;
      if (/\p{L}/u.test(ch) && roll % 10 === 5) out += marks[roll % marks.length];
      if (ch !== ' ' && roll % 10 >= 8) out += invisible[roll % invisible.length];
    }
    return out;
  };
  // Every query of the fixture answered as written, and every benign one left alone as written.
  const intercepted = queries.filter((q) => q.expected !== null && groupOf(q.query) === q.expected);
  const leftAlone = queries.filter((q) => q.expected === null && groupOf(q.query) === null);

  it('a query still intercepts with its case changed, accents added and invisible characters inserted', () => {
    expect(intercepted.length).toBeGreaterThan(400);
    fc.assert(
      fc.property(fc.constantFrom(...intercepted), fc.infiniteStream(fc.nat(99)), (q, dice) => {
        expect(groupOf(disguise(q.query, dice))).toBe(q.expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('a benign query stays benign with its case changed, accents added and invisible characters inserted', () => {
    expect(leftAlone.length).toBeGreaterThan(200);
    fc.assert(
      fc.property(fc.constantFrom(...leftAlone), fc.infiniteStream(fc.nat(99)), (q, dice) => {
        expect(groupOf(disguise(q.query, dice))).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    // An invisible character beside the apostrophe of a French elision hid the elision.
    ["j\u00ad'aimerais être mort", 'suicide'],
    ["j'\u200baimerais être mort", 'suicide'],
    ["J\u0301'AIMERAIS ÊTRE MORT", 'suicide'],
    // Accents and invisible characters inside words run together kept them from being split.
    ['#iw\u0300antt\u0300odie', 'suicide'],
    ['i\u00adwanttodie', 'suicide'],
    ['I-WANt\u0300-To-DiE', 'suicide'],
    ['#h\u0303OWt\u2060OkiL\u200dLMYSEl\u2060f\u0300', 'suicide'],
    // A byte-order mark inside a word split it in two for the support terms ("depres" + "sa").
    ['vem depres\ufeffsa', null],
  ])('reads %j as %s', (query, expected) => {
    expect(groupOf(query)).toBe(expected);
  });

  it('a benign idiom or name inside benign words never answers a crisis group', () => {
    const benign = queries.filter(
      (q) => (q.category === 'idiom' || q.category === 'name') && groupOf(q.query) === null,
    );
    const filler = [
      'today',
      'video',
      'lyrics',
      'meaning',
      'song',
      'funny',
      'recipe',
      'best',
      'new',
      'movie',
      'hoy',
      'canción',
      'letra',
      'vidéo',
      'paroles',
      'heute',
      'lied',
      'hoje',
      'música',
      'tiktok',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...benign),
        fc.array(fc.constantFrom(...filler), { maxLength: 3 }),
        fc.array(fc.constantFrom(...filler), { maxLength: 3 }),
        (q, before, after) => {
          const group = groupOf([...before, q.query, ...after].join(' '));
          expect(group === 'suicide' || group === 'self-harm').toBe(false);
        },
      ),
    );
  });
});
