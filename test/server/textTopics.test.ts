import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvasiveMatcher, presets, type TermMatcher } from '../../src/index.js';
import { createRebalancer } from '../../src/index.js';
import { readTextMemo, TextTopics } from '../../src/server/prc/TextTopics.js';
import { createServer } from '../../src/server/index.js';

let matcher: TermMatcher | null = null;
createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
  matcher: (entries) => (matcher = createEvasiveMatcher(entries)),
});

describe('TextTopics, the memo of challenge texts', () => {
  it('answers exactly what the matcher scans, for texts it keeps and texts too long to keep, also after it fills and starts again', () => {
    const word = fc.constantFrom('#thinspo', 'th1nsp0', 'banana', 'pro ana', 'self harm', 'the');
    // Texts around the 512-character bound, of few words, so that many come again.
    const text = fc
      .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom(0, 500, 520))
      .map(([words, pad]) => `${'.'.repeat(pad)} ${words.join(' ')}`);
    fc.assert(
      fc.property(fc.array(text, { maxLength: 40 }), fc.nat(5), (texts, size) => {
        const memo = new TextTopics(matcher!, size);
        for (const t of texts) expect(memo.scanText(t)).toEqual(matcher!.scanText(t));
      }),
    );
  });

  it('asks the matcher once for a text that comes again while remembered, and every time with size 0', () => {
    let scans = 0;
    const counting: TermMatcher = {
      matchTag: (tag) => matcher!.matchTag(tag),
      scanText: (text) => {
        scans++;
        return matcher!.scanText(text);
      },
    };
    const memo = new TextTopics(counting, 2);
    for (const t of ['a #thinspo', 'a #thinspo', 'river', 'a #thinspo']) memo.scanText(t);
    expect(scans).toBe(2);
    // A third text fills the memo, which starts again: the first is scanned anew.
    memo.scanText('third');
    memo.scanText('a #thinspo');
    expect(scans).toBe(4);
    const off = new TextTopics(counting, 0);
    off.scanText('x');
    off.scanText('x');
    expect(scans).toBe(6);
  });

  it('prc.textMemo is an integer in [0, 100000], 1,024 by default, refused otherwise with code argument and its path', () => {
    expect(readTextMemo(undefined, 'createServer')).toBe(1_024);
    expect(readTextMemo({ textMemo: 0 }, 'createServer')).toBe(0);
    for (const bad of [-1, 1.5, 100_001, Number.NaN, '10']) {
      expect(() => createServer({ logger: false, prc: { textMemo: bad as number } })).toThrow(
        expect.objectContaining({ code: 'argument', path: 'prc.textMemo' }),
      );
    }
  });
});
