/**
 * Evasive-spelling matcher: throughput on 100,000 hashtags as a ratio to an exact `Set.has`
 * lookup of the same tags in the same run, and precision/recall on the labelled fixture and on
 * seeded variants, compounds and recovery compounds it does not list.
 */
import { createEvasiveMatcher } from '../src/taxonomy/evasive/createEvasiveMatcher.js';
import { createExactMatcher } from '../src/taxonomy/match/createExactMatcher.js';
import { defaultTaxonomy } from '../src/taxonomy/presets/defaultTaxonomy.js';
import type { TermEntry } from '../src/taxonomy/match/types.js';
import fixture from '../test/fixtures/evasive/variants.json' with { type: 'json' };
import negativeWords from '../test/fixtures/evasive/negative-words.json' with { type: 'json' };
import {
  disguise,
  makeCompound,
  makeVariant,
  seeded,
} from '../test/fixtures/evasive/generateVariants.js';
import {
  FIXTURE_ENTRIES,
  generateCases,
  scoreMatcher,
} from '../test/fixtures/evasive/scoreMatcher.js';
import { DEFAULT_COMPOUND_AFFIXES } from '../src/taxonomy/evasive/compoundAffixes.js';
import { figure, measure, ratioAtMost, type BenchRow, type BenchSuite } from './harness.js';

const TAGS = 100_000;

/** Every term of the default taxonomy with its topic, group and role, as resolveTaxonomy hands them over. */
function defaultEntries(): TermEntry[] {
  const entries: TermEntry[] = [];
  for (const group of defaultTaxonomy.groups) {
    for (const [topics, role] of [
      [group.triggering, 'triggering'],
      [group.recovery ?? [], 'recovery'],
    ] as const) {
      for (const topic of topics) {
        for (const term of topic.terms ?? [])
          entries.push({ term, topic: topic.id, group: group.id, role });
        for (const term of topic.tags ?? [])
          entries.push({ term, topic: topic.id, tagOnly: true, group: group.id, role });
      }
    }
  }
  return entries;
}

/**
 * 100,000 hashtag uses drawn from 20,000 distinct tags with Zipf-distributed frequencies (rank r
 * used in proportion to 1/r, as tag and word frequencies are): ordinary tags and two-word tags
 * and an ordinary word with a compound suffix (#pastagoals), one in ten a disguised term or a
 * compound of one, one in ten a disguised ordinary word, so about a fifth of the distinct tags
 * are non-ASCII.
 */
function hashtags(entries: readonly TermEntry[]): string[] {
  const random = seeded('matcher-bench');
  const words = negativeWords.words;
  const pickWord = (): string => words[Math.floor(random() * words.length)]!;
  const suffixes = DEFAULT_COMPOUND_AFFIXES.triggering;
  const pickSuffix = (): string => suffixes[Math.floor(random() * suffixes.length)]!;
  const distinct: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    const r = random();
    const entry = entries[Math.floor(random() * entries.length)]!;
    if (r < 0.07) distinct.push(`#${makeVariant(entry.term, random, 7)}`);
    else if (r < 0.1)
      distinct.push(
        `#${makeCompound({ term: entry.term, tagOnly: true }, 'triggering', random, 7)}`,
      );
    else if (r < 0.2) distinct.push(`#${disguise(pickWord(), random)}`);
    else if (r < 0.3) distinct.push(`#${pickWord()}${pickSuffix()}`);
    else distinct.push(random() < 0.5 ? `#${pickWord()}` : `#${pickWord()}${pickWord()}`);
  }
  const cumulative = new Float64Array(distinct.length);
  let total = 0;
  for (let r = 0; r < distinct.length; r++) cumulative[r] = total += 1 / (r + 1);
  const out: string[] = [];
  for (let i = 0; i < TAGS; i++) {
    const u = random() * total;
    let lo = 0;
    let hi = distinct.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    out.push(distinct[lo]!);
  }
  return out;
}

/** Median of per-round ratios, rounds interleaved so load from other processes hits both alike. */
function ratio(subject: () => unknown, baseline: () => unknown, rounds = 5): number {
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const b = measure(baseline, { samples: 3, minMs: 30 });
    const s = measure(subject, { samples: 3, minMs: 30 });
    ratios.push(s / b);
  }
  ratios.sort((x, y) => x - y);
  return ratios[Math.floor(rounds / 2)]!;
}

const suite: BenchSuite = {
  title: 'Evasive-spelling matcher',
  run(): BenchRow[] {
    const entries = defaultEntries();
    const evasive = createEvasiveMatcher(entries);
    const exact = createExactMatcher(entries);
    const tags = hashtags(entries);
    const set = new Set(entries.map((e) => e.term));
    let k = 0;
    const next = (): string => tags[(k = (k + 1) % TAGS)]!;
    const baseline = (): boolean => set.has(next());
    const uncached = createEvasiveMatcher(entries, { cacheSize: 0 });
    // Each figure is the cost per tag relative to an exact Set.has of the raw tag.
    const withMemo = ratio(() => evasive.matchTag(next()), baseline);
    const withoutMemo = ratio(() => uncached.matchTag(next()), baseline);
    const exactRatio = ratio(() => exact.matchTag(next()), baseline);
    // Compounds are tried only when the trie walk finds no term: on tags that are terms, the
    // matcher with compounds costs what it costs without them.
    const plain = createEvasiveMatcher(entries, { cacheSize: 0, compounds: false });
    const hits = tags.filter((tag) => plain.matchTag(tag).length > 0);
    let h = 0;
    const nextHit = (): string => hits[(h = (h + 1) % hits.length)]!;
    // Two runs of the same code differ only by noise here: more rounds for a steadier median.
    const hitRatio = ratio(
      () => uncached.matchTag(nextHit()),
      () => plain.matchTag(nextHit()),
      9,
    );
    const missRatio = ratio(
      () => uncached.matchTag(next()),
      () => plain.matchTag(next()),
      9,
    );
    const fx = scoreMatcher(
      createEvasiveMatcher(FIXTURE_ENTRIES),
      fixture.positives,
      fixture.negatives,
    );
    const cases = generateCases('matcher-bench-variants', 5000, false);
    const gen = scoreMatcher(
      createEvasiveMatcher(FIXTURE_ENTRIES),
      cases.positives,
      cases.negatives,
    );
    const name = `matchTag on ${TAGS.toLocaleString('en-US')} Zipf-distributed hashtags (default taxonomy)`;
    return [
      ratioAtMost(name, withMemo, 1, 'Set.has of the same tags', 10),
      ratioAtMost(
        'the same without the memo (cacheSize 0)',
        withoutMemo,
        1,
        'Set.has of the same tags',
        10,
      ),
      figure(
        'without the memo, tags that are terms: compounds on vs off',
        hitRatio,
        '×',
        'the same with compounds: false',
      ),
      figure(
        'without the memo, all tags: compounds on vs off',
        missRatio,
        '×',
        'the same with compounds: false',
      ),
      figure(
        'exact matcher matchTag on the same tags',
        exactRatio,
        '×',
        'Set.has of the same tags',
      ),
      figure('precision on the fixture', fx.precision, '', '—', '≥ 0.98', fx.precision >= 0.98),
      figure('recall on the fixture', fx.recall, '', '—', '≥ 0.95', fx.recall >= 0.95),
      figure(
        'precision on 5,000 generated variants and compounds + 5,000 disguised negatives',
        gen.precision,
        '',
        '—',
        '≥ 0.98',
        gen.precision >= 0.98,
      ),
      figure(
        'recall on 5,000 generated variants and compounds (recovery compounds read as recovery only)',
        gen.recall,
        '',
        '—',
        '≥ 0.95',
        gen.recall >= 0.95,
      ),
    ];
  },
};

export default suite;
