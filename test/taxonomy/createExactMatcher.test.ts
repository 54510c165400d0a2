import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createExactMatcher } from '../../src/taxonomy/match/createExactMatcher.js';
import type { TermEntry } from '../../src/taxonomy/match/types.js';

const entries: TermEntry[] = [
  { term: 'thinspo', topic: 'thinspiration' },
  { term: '#Thinspiration', topic: 'thinspiration' },
  { term: 'proana', topic: 'pro-ana' },
  { term: 'ana', topic: 'pro-ana' },
  { term: 'suicide', topic: 'suicide', tagOnly: true },
  { term: 'selfharm', topic: 'self-harm' },
  { term: 'selfharmrecovery', topic: 'self-harm-recovery' },
  { term: 'suicideprevention', topic: 'suicide-prevention' },
  { term: 'edrecovery', topic: 'ed-recovery' },
  { term: 'edrecovery', topic: 'recovery-tag' },
];
const matcher = createExactMatcher(entries);

/** Ways an evader writes a term: random case, separators inside, `#` or full-width forms. */
function disguise(
  term: string,
  upper: boolean[],
  separators: string[],
  fullWidth: boolean,
): string {
  let out = '';
  for (let i = 0; i < term.length; i++) {
    const c = upper[i % upper.length] ? term[i]!.toUpperCase() : term[i]!;
    out += (i > 0 ? separators[i % separators.length]! : '') + c;
  }
  return fullWidth
    ? out.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    : out;
}

/** Random lower-case terms over a small alphabet, so that distinct terms share letters. */
const termArb = fc.stringMatching(/^[a-e]{4,9}$/);
const entriesArb = fc
  .uniqueArray(termArb, { minLength: 1, maxLength: 8 })
  .map((terms) => terms.map((term, i): TermEntry => ({ term, topic: `topic-${i % 3}` })));

describe('createExactMatcher', () => {
  it.each([
    ['#thinspo', ['thinspiration']],
    ['#Thin_Spo', ['thinspiration']],
    ['＃ＴＨＩＮＳＰＯ', ['thinspiration']],
    ['THINSPIRATION', ['thinspiration']],
    ['#ana', ['pro-ana']],
    ['#suicide', ['suicide']],
    ['#edrecovery', ['ed-recovery', 'recovery-tag']],
    ['#thinspooo', []],
    ['#', []],
  ])('matchTag(%j) returns %j', (tag, topics) => {
    expect(matcher.matchTag(tag)).toEqual(topics);
  });

  it.each([
    ['I love banana bread', []],
    ['Greetings from Montana', []],
    ['Ana and Mia went out', []],
    ['new #ana post', ['pro-ana']],
    ['daily #Thin_Spo and more', ['thinspiration']],
    ['full width ＃ＴＨＩＮＳＰＯ here', ['thinspiration']],
    ['so much thinspo today', ['thinspiration']],
    ['pro-ana tips', ['pro-ana']],
    ['thin spo', ['thinspiration']],
    ['thin, spo', []],
    ['thinspoX', []],
    ['Suicide is preventable', []],
    ['#suicide', ['suicide']],
    ['self harm recovery stories', ['self-harm-recovery']],
    ['self harm, recovery', ['self-harm']],
    ['suicide prevention day', ['suicide-prevention']],
    ['#edrecovery and #thinspo', ['ed-recovery', 'recovery-tag', 'thinspiration']],
    ['thinspo thinspo THINSPO', ['thinspiration']],
    ['', []],
  ])('scanText(%j) returns %j', (text, topics) => {
    expect(matcher.scanText(text)).toEqual(topics);
  });

  it('scanText gives the same answers when the terms are too long in total for the prefix set', () => {
    // 4,000 terms of 256 characters exceed the 1,000,000 characters the prefix set may hold, so
    // this matcher builds phrases without it.
    const filler = Array.from({ length: 4_000 }, (_, i): TermEntry => ({
      term: `${'q'.repeat(250)}${String(i).padStart(6, '0')}`,
      topic: 'filler',
    }));
    const big = createExactMatcher([...filler, ...entries]);
    for (const text of [
      'so much thinspo today',
      'self harm recovery stories',
      'thin spo',
      'pro-ana tips',
      'thin, spo',
      '#ana ana',
      `x ${filler[7]!.term} y`,
    ]) {
      const expected = matcher.scanText(text);
      expect(big.scanText(text)).toEqual(text.includes('qqq') ? ['filler'] : expected);
    }
  });

  it('matchTag answers the same for a tag seen before, also after thousands of other tags', () => {
    const m = createExactMatcher(entries);
    expect(m.matchTag('#Thin_Spo')).toEqual(['thinspiration']);
    for (let i = 0; i < 10_000; i++) expect(m.matchTag(`#tag${i}`)).toEqual([]);
    expect(m.matchTag('#Thin_Spo')).toEqual(['thinspiration']);
    expect(m.matchTag('#thin_spo')).toEqual(['thinspiration']);
    expect(m.matchTag(`#${'x'.repeat(100)}`)).toEqual([]);
  });

  it('createExactMatcher results are frozen, so a caller cannot change what later calls return', () => {
    expect(Object.isFrozen(matcher.matchTag('#thinspo'))).toBe(true);
    expect(Object.isFrozen(matcher.matchTag('nothing'))).toBe(true);
    expect(Object.isFrozen(matcher.scanText('thinspo and proana'))).toBe(true);
  });

  it('createExactMatcher never finds prototype names that are not terms', () => {
    for (const name of ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString']) {
      expect(matcher.matchTag(name)).toEqual([]);
      expect(matcher.scanText(`${name} #${name}`)).toEqual([]);
    }
    const hostile = createExactMatcher([
      { term: '__proto__', topic: 'a' },
      { term: 'constructor', topic: '__proto__' },
    ]);
    expect(hostile.matchTag('#__proto__')).toEqual(['a']);
    expect(hostile.matchTag('Constructor')).toEqual(['__proto__']);
    expect(hostile.scanText('the constructor')).toEqual(['__proto__']);
  });

  it('matchTag(disguised term) finds the topic whatever the case, separators, # or full width', () => {
    fc.assert(
      fc.property(
        entriesArb,
        fc.nat(),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom('', '_', '-', '.', ' ', '\u200b', '#'), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.boolean(),
        fc.boolean(),
        (entries, pick, upper, separators, hash, fullWidth) => {
          const entry = entries[pick % entries.length]!;
          const tag = (hash ? '#' : '') + disguise(entry.term, upper, separators, fullWidth);
          expect(createExactMatcher(entries).matchTag(tag)).toContain(entry.topic);
        },
      ),
    );
  });

  it('scanText(text) finds a term written as a whole word, with joiners inside, between other words', () => {
    fc.assert(
      fc.property(
        entriesArb,
        fc.nat(),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom('', '_', '-', '.', '\u200b'), { minLength: 1, maxLength: 5 }),
        fc.array(fc.stringMatching(/^[x-z]{1,6}$/), { maxLength: 4 }),
        fc.array(fc.stringMatching(/^[x-z]{1,6}$/), { maxLength: 4 }),
        (entries, pick, upper, joiners, before, after) => {
          const entry = entries[pick % entries.length]!;
          // Punctuation around the term keeps neighbouring words from forming a longer phrase.
          const text = `${before.join(' ')}, ${disguise(entry.term, upper, joiners, false)}! ${after.join(' ')}`;
          expect(createExactMatcher(entries).scanText(text)).toContain(entry.topic);
        },
      ),
    );
  });

  it('scanText(text) never finds a term inside a longer word', () => {
    fc.assert(
      fc.property(
        entriesArb,
        fc.nat(),
        fc.stringMatching(/^[x-z]{0,3}$/),
        fc.stringMatching(/^[x-z]{0,3}$/),
        (entries, pick, prefix, suffix) => {
          fc.pre(prefix.length + suffix.length > 0);
          const entry = entries[pick % entries.length]!;
          // No term holds x, y or z, so the longer word is no term at all.
          expect(
            createExactMatcher(entries).scanText(`see ${prefix}${entry.term}${suffix} now`),
          ).toEqual([]);
        },
      ),
    );
  });

  it('scanText(text) returns each topic once and only topics of terms the text holds as words', () => {
    fc.assert(
      fc.property(
        entriesArb,
        fc.array(fc.oneof(termArb, fc.constantFrom(',', '!', '#')), { maxLength: 12 }),
        (entries, words) => {
          const found = createExactMatcher(entries).scanText(words.join(' '));
          expect(new Set(found).size).toBe(found.length);
          const joined = words.join('');
          for (const topic of found) {
            // Every reported topic has a term that occurs in the text once spaces are removed.
            expect(entries.some((e) => e.topic === topic && joined.includes(e.term))).toBe(true);
          }
        },
      ),
    );
  });

  it('createExactMatcher with tagOnly or short terms matches them only as hashtags', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-e]{1,3}$/),
        fc.stringMatching(/^[a-e]{4,8}$/),
        (short, long) => {
          const m = createExactMatcher([
            { term: short, topic: 'short' },
            { term: long, topic: 'flagged', tagOnly: true },
          ]);
          expect(m.matchTag(short)).toEqual(['short']);
          expect(m.matchTag(`#${long}`)).toEqual(['flagged']);
          expect(m.scanText(`x, ${short}, ${long}, x`)).toEqual([]);
          expect(m.scanText(`x #${short} #${long} x`)).toEqual(['short', 'flagged']);
        },
      ),
    );
  });
});
