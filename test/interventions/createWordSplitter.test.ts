import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWordSplitter } from '../../src/interventions/queries/createWordSplitter.js';

const WORDS = ['want', 'to', 'die', 'wan', 'tod', 'ie', 'kill', 'my', 'self', 'myself', 'end'];

/** Every split of `letters` into `words` and lone "i", by brute force. */
function allSplits(letters: string, words: ReadonlySet<string>): string[][] {
  if (letters === '') return [[]];
  const out: string[][] = [];
  for (let end = 1; end <= letters.length; end++) {
    const head = letters.slice(0, end);
    if (head !== 'i' && !words.has(head)) continue;
    for (const rest of allSplits(letters.slice(end), words)) out.push([head, ...rest]);
  }
  return out;
}

describe('createWordSplitter', () => {
  const known = new Set(WORDS);
  const split = createWordSplitter(WORDS, 3);

  it('splits into the fewest known words, at least three, as brute force finds; else keeps the token whole', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WORDS, 'i', 'x', 'e'), { minLength: 1, maxLength: 6 }),
        (parts) => {
          const letters = parts.join('');
          const got = split(letters);
          expect(got.join('')).toBe(letters);
          const fewest = Math.min(...allSplits(letters, known).map((s) => s.length));
          if (fewest >= 3 && fewest !== Infinity) {
            expect(got).toHaveLength(fewest);
            for (const piece of got) expect(piece === 'i' || known.has(piece)).toBe(true);
          } else expect(got).toEqual([letters]);
        },
      ),
    );
  });

  it('reads "iwanttodie" as its words, and leaves a word with unknown letters whole', () => {
    expect(split('iwanttodie')).toEqual(['i', 'want', 'to', 'die']);
    expect(split('killmyself')).toEqual(['killmyself']); // two words: the phrase matches whole
    expect(split('xkillmyself')).toEqual(['xkillmyself']);
    expect(split('')).toEqual(['']);
  });
});
