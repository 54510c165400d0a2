import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { DEFAULT_COMPOUND_AFFIXES } from '../../src/taxonomy/evasive/compoundAffixes.js';
import { createEvasiveMatcher } from '../../src/taxonomy/evasive/createEvasiveMatcher.js';
import type { TermEntry } from '../../src/taxonomy/match/types.js';
import negativeWords from '../fixtures/evasive/negative-words.json' with { type: 'json' };
import { NORMALISING, seeded, suffixesFor } from '../fixtures/evasive/generateVariants.js';

const ED = 'eating-disorder';
const SH = 'self-harm';
const ENTRIES: TermEntry[] = [
  { term: 'thinspo', topic: 'thinspiration', group: ED },
  { term: 'thighgap', topic: 'thinspiration', group: ED },
  { term: 'proana', topic: 'pro-ana', group: ED },
  { term: 'anorexia', topic: 'pro-ana', group: ED },
  { term: 'ana', topic: 'pro-ana', group: ED },
  { term: 'mia', topic: 'pro-mia', group: ED },
  { term: 'edtwt', topic: 'pro-ana', group: ED },
  { term: 'edrecovery', topic: 'ed-recovery', group: ED, role: 'recovery' },
  { term: 'selfharm', topic: 'self-harm', group: SH },
  { term: 'sh', topic: 'self-harm', group: SH },
  { term: 'selfharmrecovery', topic: 'self-harm-recovery', group: SH, role: 'recovery' },
  { term: 'suicide', topic: 'suicide', group: 'suicide', tagOnly: true },
];
const matcher = createEvasiveMatcher(ENTRIES);
const TRIGGERING = ENTRIES.filter((e) => e.role !== 'recovery');
const RECOVERY_OF: Record<string, string> = { [ED]: 'ed-recovery', [SH]: 'self-harm-recovery' };
const stemOf = (e: TermEntry) => ({
  term: e.term,
  tagOnly: e.tagOnly === true || e.term.length <= 3,
});
const steps = fc.array(fc.constantFrom(...Object.keys(NORMALISING)), { maxLength: 4 });

/** Applies normalising transformations, the ones the normal form undoes, to a whole hashtag. */
function disguised(word: string, names: readonly string[], seed: string): string {
  const random = seeded(seed);
  let out = word;
  for (const name of names) out = NORMALISING[name]!(out, random);
  return out;
}

describe('createEvasiveMatcher compounds', () => {
  it('matchTag(term + suffix) is the term topic for every suffix the term may take, under any normalising disguise', () => {
    const cases = TRIGGERING.flatMap((e) =>
      suffixesFor(stemOf(e), 'triggering').map((suffix) => [e, suffix] as const),
    );
    fc.assert(
      fc.property(fc.constantFrom(...cases), steps, fc.string(), ([entry, suffix], names, seed) => {
        const tag = `#${disguised(entry.term + suffix, names, seed)}`;
        expect(matcher.matchTag(tag)).toContain(entry.topic);
      }),
      { numRuns: 2000 },
    );
  });

  it('matchTag(triggering term + recovery suffix) is the group recovery topic and no triggering topic, under any disguise', () => {
    const cases = TRIGGERING.filter((e) => e.group! in RECOVERY_OF).flatMap((e) =>
      suffixesFor(stemOf(e), 'recovery').map((suffix) => [e, suffix] as const),
    );
    fc.assert(
      fc.property(fc.constantFrom(...cases), steps, fc.string(), ([entry, suffix], names, seed) => {
        const tag = `#${disguised(entry.term + suffix, names, seed)}`;
        expect(matcher.matchTag(tag)).toEqual([RECOVERY_OF[entry.group!]]);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['#th1nsp0g0als', ['thinspiration']],
    ['#thinspo_quotes', ['thinspiration']],
    ['#ana4life', ['pro-ana']], // 4 → a, then "anaalife" squeezes to "analife"
    ['#anatips', ['pro-ana']],
    ['#anacoach', ['pro-ana']],
    ['#shtwt', ['self-harm']],
    ['#thighgappics', ['thinspiration']], // "gap" + "pics" squeezes the two p into one
    ['#edtwttips', ['pro-ana']],
    ['#thyghgapgoals', ['thinspiration']], // one spelling edit in the stem
    ['#suicidetips', ['suicide']],
    ['#anarecovery', ['ed-recovery']],
    ['#selfharmfree', ['self-harm-recovery']],
    ['#shrecovery', ['self-harm-recovery']],
    ['#edrecoverytips', ['ed-recovery']], // a recovery term keeps its topic
    ['#edrecoverywarrior', ['ed-recovery']],
    ['#anaaa', ['pro-ana']], // a stretched vowel or last letter still counts
    ['#shhh', ['self-harm']],
  ])('matchTag(%j) is %j', (tag, topics) => {
    expect(matcher.matchTag(tag)).toEqual(topics);
  });

  it.each([
    '#miagirl', // a name and a suffix that follows names: tag-only stems take only their list
    '#anapics',
    '#miainspo',
    '#shgirls',
    '#suicidegirls',
    '#suicidesquadgoals',
    '#bananatips',
    '#montanagirl',
    '#anatomytips',
    '#shopgirl',
    '#girl',
    '#tips',
    '#recovery',
    '#suicidefree', // a tag-only term takes only the recovery suffixes listed for tag-only terms
    '#proanasupport', // `support` is no recovery suffix: pro-ana groups call themselves support
    '#anna', // a name: squeezes to "ana", but doubles a consonant inside the code word
    '#annatips',
  ])('matchTag(%j) is empty', (tag) => {
    expect(matcher.matchTag(tag)).toEqual([]);
  });

  it('matchTag and scanText never turn a short code word (a name) and a suffix it may not take into a match, under any disguise', () => {
    const { triggering, recovery, tagOnly } = DEFAULT_COMPOUND_AFFIXES;
    const names = ['ana', 'mia', 'sh'];
    const others = [...triggering, ...recovery].filter((a) => !tagOnly.includes(a));
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom(...others),
        steps,
        fc.string(),
        (name, suffix, names, seed) => {
          const word = disguised(name + suffix, names, seed);
          expect(matcher.matchTag(`#${word}`)).toEqual([]);
          expect(matcher.scanText(`my ${word} day`)).toEqual([]);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('matchTag and scanText never turn an ordinary word and a suffix into a match, under any disguise', () => {
    const { triggering, recovery } = DEFAULT_COMPOUND_AFFIXES;
    fc.assert(
      fc.property(
        fc.constantFrom(...negativeWords.words),
        fc.constantFrom(...triggering, ...recovery),
        steps,
        fc.string(),
        (word, suffix, names, seed) => {
          const compound = disguised(word + suffix, names, seed);
          expect(matcher.matchTag(`#${compound}`)).toEqual([]);
          expect(matcher.scanText(`a ${compound} b`)).toEqual([]);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('scanText finds compounds of terms that may match plain words, and code-word compounds only as hashtags', () => {
    expect(matcher.scanText('my thinspogoals for summer')).toEqual(['thinspiration']);
    expect(matcher.scanText('100 days selfharmfree')).toEqual(['self-harm-recovery']);
    expect(matcher.scanText('anatips are back')).toEqual([]);
    expect(matcher.scanText('new #anatips thread')).toEqual(['pro-ana']);
    expect(matcher.scanText('so #anarecovery')).toEqual(['ed-recovery']);
    // A recovery compound beside a triggering term: both are found, so the item stays triggering.
    expect([...matcher.scanText('#anarecovery #thinspo')].sort()).toEqual([
      'ed-recovery',
      'thinspiration',
    ]);
  });

  it('matchTag(triggering term + recovery suffix) is empty when the entries name no group: no recovery topic is known, and it is not triggering', () => {
    const bare = createEvasiveMatcher([
      { term: 'selfharm', topic: 'self-harm' },
      { term: 'selfharmrecovery', topic: 'self-harm-recovery', role: 'recovery' },
    ]);
    expect(bare.matchTag('#selfharmfree')).toEqual([]);
    expect(bare.matchTag('#selfharmtips')).toEqual(['self-harm']);
    expect(bare.matchTag('#selfharmrecoverytips')).toEqual(['self-harm-recovery']);
  });

  it('matchTag recovery compounds stand for the first recovery topic of the group that has terms', () => {
    const m = createEvasiveMatcher([
      { term: 'betting', topic: 'bets', group: 'g', tagOnly: false },
      { term: 'gamblingsupport', topic: 'support', group: 'g', role: 'recovery' },
      { term: 'gamblingrecovery', topic: 'recovery-stories', group: 'g', role: 'recovery' },
    ]);
    expect(m.matchTag('#bettingfree')).toEqual(['support']);
  });

  it('createEvasiveMatcher(entries, { compounds: false }) matches no compound; custom suffixes replace the defaults', () => {
    const off = createEvasiveMatcher(ENTRIES, { compounds: false });
    expect(off.matchTag('#thinspogoals')).toEqual([]);
    expect(off.matchTag('#anarecovery')).toEqual([]);
    expect(off.matchTag('#thinspo')).toEqual(['thinspiration']);
    const custom = createEvasiveMatcher(ENTRIES, {
      compounds: { triggering: ['aesthetic'], recovery: ['hope'], tagOnly: ['hope'] },
    });
    expect(custom.matchTag('#thinspoaesthetic')).toEqual(['thinspiration']);
    expect(custom.matchTag('#thinspogoals')).toEqual([]);
    expect(custom.matchTag('#anahope')).toEqual(['ed-recovery']);
    expect(custom.matchTag('#anaaesthetic')).toEqual([]);
  });

  it('createEvasiveMatcher guard words are never the stem of a compound', () => {
    const guarded = createEvasiveMatcher(ENTRIES, { guard: ['thinspo'] });
    // A guard word that is also a term stays a term; one that is not never becomes one.
    expect(guarded.matchTag('#thinspogoals')).toEqual(['thinspiration']);
    const m = createEvasiveMatcher([{ term: 'selfharm', topic: 'self-harm' }], {
      guard: ['selfcare'],
    });
    expect(m.matchTag('#selfcaretips')).toEqual([]);
    expect(m.matchTag('#selfharmtips')).toEqual(['self-harm']);
  });

  it('createEvasiveMatcher rejects malformed compound options and entries with code argument and the path', () => {
    const errorOf = (f: () => unknown): RebalanceError => {
      try {
        f();
      } catch (error) {
        if (error instanceof RebalanceError) return error;
      }
      throw new Error('expected a RebalanceError');
    };
    const both = errorOf(() =>
      createEvasiveMatcher([], { compounds: { triggering: ['x'], recovery: ['x'], tagOnly: [] } }),
    );
    expect([both.code, both.path]).toEqual(['argument', 'compounds.triggering[0]']);
    const unknown = errorOf(() =>
      createEvasiveMatcher([], { compounds: { triggering: [], recovery: [], tagOnly: ['y'] } }),
    );
    expect(unknown.path).toBe('compounds.tagOnly[0]');
    expect(unknown.message).toMatch(/^createEvasiveMatcher: options\.compounds\.tagOnly\[0\] /);
    const empty = errorOf(() =>
      createEvasiveMatcher([], { compounds: { triggering: [''], recovery: [], tagOnly: [] } }),
    );
    expect(empty.path).toBe('compounds.triggering[0]');
    const shape = errorOf(() => createEvasiveMatcher([], { compounds: true as unknown as false }));
    expect(shape.path).toBe('compounds');
    const role = errorOf(() =>
      createEvasiveMatcher([{ term: 'a', topic: 't', role: 'other' as 'recovery' }]),
    );
    expect([role.code, role.path]).toEqual(['argument', 'entries[0].role']);
    const group = errorOf(() => createEvasiveMatcher([{ term: 'a', topic: 't', group: '' }]));
    expect(group.path).toBe('entries[0].group');
  });
});
