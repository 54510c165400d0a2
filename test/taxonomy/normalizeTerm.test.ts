import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeTerm } from '../../src/taxonomy/match/normalizeTerm.js';

/** The separators `normalizeTerm` promises to ignore, ASCII and invisible ones alike. */
const SEPARATORS = [
  '#',
  ' ',
  '_',
  '-',
  '.',
  '\t',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u2013',
];

/** Any text, including lone surrogates, combining marks and characters with case quirks. */
const anyText = fc.string({ unit: 'binary', maxLength: 24 });
const asciiText = fc.string({ unit: 'binary-ascii', maxLength: 40 });
/** Code points (never half a surrogate pair), so separators can go between any two. */
const codePoints = fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), {
  maxLength: 12,
});

describe('normalizeTerm', () => {
  it.each([
    ['#Thin_Spo', 'thinspo'],
    ['＃ＴＨＩＮＳＰＯ', 'thinspo'],
    ['#pro-ana', 'proana'],
    ['Thin.Spo', 'thinspo'],
    ['thin\u200bspo', 'thinspo'],
    ['  #SelfHarm  ', 'selfharm'],
    ['ẞ', 'ss'],
    ['ΑΣ-Α', 'ασα'],
    ['#_-. ', ''],
  ])('normalizeTerm(%j) is %j', (input, expected) => {
    expect(normalizeTerm(input)).toBe(expected);
  });

  it('normalizeTerm(normalizeTerm(s)) equals normalizeTerm(s) for any string (idempotent)', () => {
    fc.assert(
      fc.property(anyText, (s) => normalizeTerm(normalizeTerm(s)) === normalizeTerm(s)),
      {
        numRuns: 2_000,
      },
    );
  });

  it('normalizeTerm(s) ignores case: upper- and lower-cased inputs give the same term', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const n = normalizeTerm(s);
        return normalizeTerm(s.toUpperCase()) === n && normalizeTerm(s.toLowerCase()) === n;
      }),
      { numRuns: 2_000 },
    );
  });

  it('normalizeTerm(s) ignores #, spaces, _, -, . and zero-width characters inserted anywhere', () => {
    fc.assert(
      fc.property(
        codePoints,
        fc.array(fc.constantFrom(...SEPARATORS), { minLength: 13, maxLength: 13 }),
        (points, separators) => {
          const spread = points.map((p, i) => separators[i]! + p).join('') + separators[12]!;
          return normalizeTerm(spread) === normalizeTerm(points.join(''));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('normalizeTerm(s) never keeps #, whitespace, _, -, . or an ASCII capital', () => {
    fc.assert(
      fc.property(anyText, (s) => !/[#\s_\-.A-Z\u200b-\u200d\u2060\ufeff]/u.test(normalizeTerm(s))),
      { numRuns: 2_000 },
    );
  });

  it('normalizeTerm on ASCII input (fast path) equals the full NFKC path on the same input', () => {
    // A trailing zero-width space is a separator, so it changes nothing but forces the Unicode path.
    fc.assert(
      fc.property(asciiText, (s) => normalizeTerm(s) === normalizeTerm(`${s}\u200b`)),
      { numRuns: 5_000 },
    );
  });

  it('normalizeTerm on ASCII input equals lower-casing and dropping # and separators', () => {
    fc.assert(
      fc.property(asciiText, (s) => normalizeTerm(s) === s.toLowerCase().replace(/[#\s_\-.]/g, '')),
      { numRuns: 5_000 },
    );
  });

  it('normalizeTerm reads full-width Latin letters and digits as their ASCII forms (NFKC)', () => {
    const fullWidth = (s: string): string =>
      s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9#_-]{0,20}$/),
        (s) => normalizeTerm(fullWidth(s)) === normalizeTerm(s),
      ),
      { numRuns: 2_000 },
    );
  });
});
