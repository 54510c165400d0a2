import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFUSABLE_CAPITALS, CONFUSABLE_LATIN } from '../../src/taxonomy/evasive/confusables.js';
import { normalizeEvasive } from '../../src/taxonomy/evasive/normalizeEvasive.js';
import { buildLatinConfusables } from '../fixtures/evasive/buildConfusables.js';

const excerpt = readFileSync(
  new URL('../fixtures/evasive/confusables-latin.txt', import.meta.url),
  'utf8',
);

describe('confusables table (UTS #39 Latin-lookalike subset)', () => {
  it('CONFUSABLE_LATIN and CONFUSABLE_CAPITALS are what the generator builds from the confusables.txt excerpt', () => {
    const built = buildLatinConfusables(excerpt);
    expect(Object.fromEntries(built.folded)).toEqual(CONFUSABLE_LATIN);
    expect(Object.fromEntries(built.capitals)).toEqual(CONFUSABLE_CAPITALS);
  });

  it('every lookalike is a non-ASCII letter that NFKC leaves alone, and normalises to its letter', () => {
    for (const [letter, chars] of Object.entries({ ...CONFUSABLE_LATIN })) {
      expect(letter).toMatch(/^[a-z]$/);
      for (const char of chars) {
        expect(char.codePointAt(0)).toBeGreaterThan(127);
        expect(char).toMatch(/^\p{L}$/u);
        expect(char.normalize('NFKC')).toBe(char);
        expect(normalizeEvasive(char)).toBe(letter);
      }
    }
  });

  it('the excerpt lines agree with published skeletons for well-known homoglyphs', () => {
    // Spot checks against the UTS #39 examples every homograph-attack write-up uses.
    const table = buildLatinConfusables(excerpt).folded;
    const letterOf = (c: string): string | undefined =>
      [...table].find(([, chars]) => chars.includes(c))?.[0];
    expect(letterOf('а')).toBe('a'); // CYRILLIC SMALL LETTER A
    expect(letterOf('ο')).toBe('o'); // GREEK SMALL LETTER OMICRON
    expect(letterOf('р')).toBe('p'); // CYRILLIC SMALL LETTER ER
    expect(letterOf('ѕ')).toBe('s'); // CYRILLIC SMALL LETTER DZE
    expect(letterOf('ø')).toBe('o'); // LATIN SMALL LETTER O WITH STROKE → o + U+0338
  });

  it('letters of other scripts than the chosen ones are not folded, so real Arabic or Hebrew text stays as it is', () => {
    expect(normalizeEvasive('ه')).toBe('ه'); // ARABIC LETTER HEH, a TR39 lookalike of o
    expect(normalizeEvasive('ו')).toBe('ו'); // HEBREW LETTER VAV, a TR39 lookalike of l
  });
});
