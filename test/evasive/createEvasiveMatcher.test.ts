import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { createEvasiveMatcher } from '../../src/taxonomy/evasive/createEvasiveMatcher.js';
import { weightedDistance } from '../../src/taxonomy/evasive/weightedDistance.js';
import { createExactMatcher } from '../../src/taxonomy/match/createExactMatcher.js';
import type { TermEntry } from '../../src/taxonomy/match/types.js';

const ENTRIES: TermEntry[] = [
  { term: 'thinspo', topic: 'thinspiration' },
  { term: 'thinspiration', topic: 'thinspiration' },
  { term: 'thighgap', topic: 'thinspiration' },
  { term: 'anorexia', topic: 'pro-ana' },
  { term: 'proed', topic: 'pro-ana' },
  { term: 'ana', topic: 'pro-ana' },
  { term: 'mia', topic: 'pro-mia' },
  { term: 'selfharm', topic: 'self-harm' },
  { term: 'self harm recovery', topic: 'self-harm-recovery' },
  { term: 'suicide', topic: 'suicide', tagOnly: true },
  { term: 'unalive', topic: 'suicide' },
];
const matcher = createEvasiveMatcher(ENTRIES);

describe('createEvasiveMatcher(entries).matchTag', () => {
  it.each([
    ['#th1nsp000', ['thinspiration']],
    ['#thyghgapp', ['thinspiration']], // Chancellor et al. 2016: one vowel swapped, a letter doubled
    ['#anarexyia', ['pro-ana']], // Stewart et al. 2017: two vowel edits cost one unit
    ['#selfharn', ['self-harm']],
    ['#sucide', ['suicide']], // tag-only terms still match hashtags, misspelt too
    ['#Ana', ['pro-ana']],
    ['#proed', ['pro-ana']],
  ])('matchTag(%j) is %j', (tag, topics) => {
    expect(matcher.matchTag(tag)).toEqual(topics);
  });

  it.each([
    '#banana',
    '#montana',
    '#diana',
    '#inspiration',
    '#proud',
    '#anatomy',
    '#miami',
    '#thinking',
    '',
    '#',
  ])('matchTag(%j) is empty', (tag) => {
    expect(matcher.matchTag(tag)).toEqual([]);
  });

  it('matchTag never matches five-letter stems by a spelling edit: "proud" is one edit from "proed"', () => {
    expect(
      weightedDistance(
        Int32Array.from('proud', (c) => c.charCodeAt(0)),
        0,
        5,
        Int32Array.from('proed', (c) => c.charCodeAt(0)),
        4,
        new Int32Array(18),
      ),
    ).toBe(1);
    expect(matcher.matchTag('proud')).toEqual([]);
  });

  it('matchTag returns the same frozen array for every call, so hashtags cost no allocation', () => {
    const a = matcher.matchTag('#thinspo');
    expect(matcher.matchTag('#THIN_SPO')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('matchTag with maxEditCost 0 matches only the normal form', () => {
    const strict = createEvasiveMatcher(ENTRIES, { maxEditCost: 0 });
    expect(strict.matchTag('#th1nsp0')).toEqual(['thinspiration']);
    expect(strict.matchTag('#selfharn')).toEqual([]);
  });

  it('matchTag honours guard words: a guard word is never matched by a spelling edit', () => {
    const guarded = createEvasiveMatcher(ENTRIES, { guard: ['selfharn'] });
    expect(guarded.matchTag('#selfharn')).toEqual([]);
    expect(guarded.matchTag('#selfharm')).toEqual(['self-harm']);
  });
});

describe('createEvasiveMatcher(entries).scanText', () => {
  it.each([
    ['banana bread in Montana', []],
    ['my friend Ana and Mia', []],
    ['new #ana post', ['pro-ana']],
    ['#ana #mia', ['pro-ana', 'pro-mia']],
    ['thin spo', ['thinspiration']],
    ['with inspiration today', []], // "withinspiration" holds "thinspiration" but not on a word boundary
    ['self harm recovery is possible', ['self-harm-recovery']], // the shorter term inside does not count
    ['self harm', ['self-harm']],
    ['self. harm', []], // a phrase never runs across punctuation
    ['the suicide squad', []], // tag-only term as a plain word
    ['#suicide', ['suicide']],
    ['i feel so unalive rn', ['suicide']],
    ['thyghgapp goals', ['thinspiration']],
    ['th1nsp0 🔥 thinspiration', ['thinspiration']],
  ])('scanText(%j) is %j', (text, topics) => {
    expect(matcher.scanText(text)).toEqual(topics);
  });
});

describe('createEvasiveMatcher options and entries', () => {
  it('createEvasiveMatcher throws RebalanceError code argument with the path of a bad entry or option', () => {
    const call = (f: () => unknown): RebalanceError => {
      try {
        f();
      } catch (error) {
        if (error instanceof RebalanceError) return error;
      }
      throw new Error('expected a RebalanceError');
    };
    const bad = call(() =>
      createEvasiveMatcher([{ term: 'a', topic: 't' }, { term: 5 } as unknown as TermEntry]),
    );
    expect([bad.code, bad.path]).toEqual(['argument', 'entries[1].term']);
    expect(bad.message).toMatch(
      /^createEvasiveMatcher: entries\[1\]\.term must be a string \(got 5\)$/,
    );
    const option = call(() => createEvasiveMatcher([], { maxEditCost: 0.3 }));
    expect([option.code, option.path]).toEqual(['argument', 'maxEditCost']);
    expect(call(() => createEvasiveMatcher([], { fuzzyMinLength: 2 })).path).toBe('fuzzyMinLength');
  });
});

// --- Oracles -------------------------------------------------------------------------------

const ALPHABET = 'abeoz';
const isVowel = (c: string): boolean => 'aeiouy'.includes(c);
const LETTERS = Array.from(ALPHABET);

/** Every string one edit away from `s` over ALPHABET, with the edit's cost in half-units. */
function neighbours(s: string): [string, number][] {
  const out: [string, number][] = [];
  for (let i = 0; i <= s.length; i++) {
    for (const c of ALPHABET) out.push([s.slice(0, i) + c + s.slice(i), isVowel(c) ? 1 : 2]);
    if (i < s.length) {
      out.push([s.slice(0, i) + s.slice(i + 1), isVowel(s[i]!) ? 1 : 2]);
      for (const c of ALPHABET) {
        if (c !== s[i])
          out.push([s.slice(0, i) + c + s.slice(i + 1), isVowel(c) && isVowel(s[i]!) ? 1 : 2]);
      }
      if (i + 1 < s.length && s[i] !== s[i + 1])
        out.push([s.slice(0, i) + s[i + 1]! + s[i]! + s.slice(i + 2), 2]);
    }
  }
  return out;
}

/** Cheapest cost (≤ 2) to turn `a` into `b` by applying edits one after another, or 3. */
function bruteForceCost(a: string, b: string): number {
  let best = a === b ? 0 : 3;
  for (const [once, first] of neighbours(a)) {
    if (once === b) best = Math.min(best, first);
    if (first === 1)
      for (const [twice, second] of neighbours(once))
        if (twice === b && second === 1) best = Math.min(best, 2);
  }
  return best;
}

const codes = (s: string): Int32Array => Int32Array.from(s, (c) => c.charCodeAt(0));

describe('weightedDistance', () => {
  it('weightedDistance(a, b, 2) equals the cheapest sequence of edits found by brute force, capped at 3', () => {
    const word = fc.string({ unit: fc.constantFrom(...LETTERS), maxLength: 6 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const rows = new Int32Array(3 * (b.length + 1));
        expect(weightedDistance(codes(a), 0, a.length, codes(b), 2, rows)).toBe(
          bruteForceCost(a, b),
        );
      }),
      { numRuns: 1500 },
    );
  });
});

describe('createEvasiveMatcher against createExactMatcher', () => {
  // Words without doubled letters or digits, so the exact matcher's normal form is the same.
  const VOCAB = [
    'thin',
    'spo',
    'self',
    'harm',
    'recovery',
    'pro',
    'ana',
    'mia',
    'bread',
    'new',
    'post',
    'day',
    'gap',
    'tok',
  ];
  const term = fc
    .array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 3 })
    .map((w) => w.join(' '));
  const entries = fc.uniqueArray(
    fc.record({ term, topic: fc.constantFrom('t1', 't2', 't3'), tagOnly: fc.boolean() }),
    {
      selector: (e) => e.term,
      maxLength: 8,
    },
  );
  const separator = fc.constantFrom(' ', ' ', ', ', ' #', '. ', '_');
  const text = fc
    .array(fc.tuple(fc.constantFrom(...VOCAB), separator), { maxLength: 10 })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));

  it('scanText and matchTag find every topic the exact matcher finds, with or without spelling edits', () => {
    fc.assert(
      fc.property(entries, text, fc.boolean(), (list, t, edits) => {
        const exact = createExactMatcher(list);
        const evasive = createEvasiveMatcher(list, edits ? {} : { maxEditCost: 0 });
        for (const topic of exact.scanText(t)) expect(evasive.scanText(t)).toContain(topic);
        for (const word of t.split(/[ ,.]+/)) {
          for (const topic of exact.matchTag(word)) expect(evasive.matchTag(word)).toContain(topic);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('createEvasiveMatcher memo', () => {
  it('matchTag gives the same results with and without its memo, also after the memo fills and resets', () => {
    const memo = createEvasiveMatcher(ENTRIES, { cacheSize: 4 });
    const plain = createEvasiveMatcher(ENTRIES, { cacheSize: 0 });
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            '#thinspo',
            '#th1nsp0',
            '#banana',
            '#selfharn',
            '#ana',
            'x',
            '#proud',
            '#sucide',
          ),
          { maxLength: 30 },
        ),
        (tags) => {
          for (const tag of tags) expect(memo.matchTag(tag)).toEqual(plain.matchTag(tag));
        },
      ),
    );
  });
});
