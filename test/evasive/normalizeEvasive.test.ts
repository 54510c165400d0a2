import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEvasive } from '../../src/taxonomy/evasive/normalizeEvasive.js';

// Characters that exercise every step: ASCII letters, digits, leet symbols, separators, spaces,
// confusables, accents, full-width and mathematical letters, invisible characters and emoji.
const PIECES = Array.from(
  "aAeEiIoOsStThHnNpP0134578926@$!|+#_-. *,'’éøÉıіоаеѕрΑΝΗΥΤ\u200b\u200d\u00ad\ufe0fｔ𝐡🔥🦴ß\u0301",
);
const mixed = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((cs) => cs.join(''));
const anything = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.string({ maxLength: 24 }),
  mixed,
);

describe('normalizeEvasive', () => {
  it.each([
    ['#Thin_Spo', 'thinspo'],
    ['ＴＨＩＮＳＰＯ', 'thinspo'],
    ['𝓽𝓱𝓲𝓷𝓼𝓹𝓸', 'thinspo'],
    ['thin\u200bspo', 'thinspo'],
    ['thin🦴spo', 'thinspo'],
    ['#th1nsp0', 'thinspo'],
    ['thinspooo', 'thinspo'],
    ['#thinsrpø', 'thinsrpo'],
    ['thіnspо', 'thinspo'], // Cyrillic і, о
    ['ѕеlfhаrm', 'selfharm'], // Cyrillic ѕ, е, а
    ['ΑΝΑ', 'ana'], // Greek capitals: Ν is read as N before lower-casing makes it ν
    ['$elfharm', 'selfharm'],
    ['th!nspo', 'thinspo'],
    ['Straße', 'strase'],
    ['Crème brûlée', 'cremebrule'],
  ])('normalizeEvasive(%j) is %j', (input, expected) => {
    expect(normalizeEvasive(input)).toBe(expected);
  });

  it('normalizeEvasive keeps numbers without letters as numbers and reads trailing punctuation as punctuation', () => {
    expect(normalizeEvasive('#2024')).toBe('2024');
    expect(normalizeEvasive('$5')).toBe('5');
    expect(normalizeEvasive('kms!!')).toBe('kms');
    expect(normalizeEvasive('#!!!')).toBe('');
  });

  it('normalizeEvasive(normalizeEvasive(s)) === normalizeEvasive(s) for any string', () => {
    fc.assert(
      fc.property(anything, (s) => {
        const once = normalizeEvasive(s);
        expect(normalizeEvasive(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('normalizeEvasive gives the same result on the ASCII fast path and the full Unicode path', () => {
    // An invisible character is dropped by step 2 but forces the NFKC path.
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)),
          maxLength: 30,
        }),
        (s) => {
          expect(normalizeEvasive(`${s}\u200b`)).toBe(normalizeEvasive(s));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('normalizeEvasive output has no upper case, separators, marks, invisible characters or repeated letters', () => {
    fc.assert(
      fc.property(anything, (s) => {
        const out = normalizeEvasive(s);
        expect(out).toBe(out.toLowerCase());
        expect(out).not.toMatch(
          /[\s#_.\-\p{M}\p{Default_Ignorable_Code_Point}\p{Extended_Pictographic}]/u,
        );
        expect(out).not.toMatch(/(.)\1/u);
      }),
      { numRuns: 2000 },
    );
  });
});
