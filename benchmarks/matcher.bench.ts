/**
 * Evasive-spelling matcher: throughput on 100,000 hashtags as a ratio to an exact `Set.has`
 * lookup of the same tags in the same run, and precision/recall on the labelled fixture and on
 * seeded variants it does not list.
 */
import { createEvasiveMatcher } from '../src/taxonomy/evasive/createEvasiveMatcher.js';
import { createExactMatcher } from '../src/taxonomy/match/createExactMatcher.js';
import { defaultTaxonomy } from '../src/taxonomy/presets/defaultTaxonomy.js';
import type { TermEntry, TermMatcher } from '../src/taxonomy/match/types.js';
import fixture from '../test/fixtures/evasive/variants.json' with { type: 'json' };
import negativeWords from '../test/fixtures/evasive/negative-words.json' with { type: 'json' };
import { disguise, makeVariant, seeded } from '../test/fixtures/evasive/generateVariants.js';
import { figure, measure, ratioAtMost, type BenchRow, type BenchSuite } from './harness.js';

const TAGS = 100_000;

/** Every term of the default taxonomy with its topic, as resolveTaxonomy hands them over. */
function defaultEntries(): TermEntry[] {
  const entries: TermEntry[] = [];
  for (const group of defaultTaxonomy.groups) {
    for (const topic of [...group.triggering, ...(group.recovery ?? [])]) {
      for (const term of topic.terms ?? []) entries.push({ term, topic: topic.id });
      for (const term of topic.tags ?? []) entries.push({ term, topic: topic.id, tagOnly: true });
    }
  }
  return entries;
}

/**
 * 100,000 hashtag uses drawn from 20,000 distinct tags with Zipf-distributed frequencies (rank r
 * used in proportion to 1/r, as tag and word frequencies are): ordinary tags and two-word tags,
 * one in ten a disguised term, one in ten a disguised ordinary word, so about a fifth of the
 * distinct tags are non-ASCII.
 */
function hashtags(entries: readonly TermEntry[]): string[] {
  const random = seeded('matcher-bench');
  const words = negativeWords.words;
  const pickWord = (): string => words[Math.floor(random() * words.length)]!;
  const distinct: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    const r = random();
    if (r < 0.1)
      distinct.push(
        `#${makeVariant(entries[Math.floor(random() * entries.length)]!.term, random, 7)}`,
      );
    else if (r < 0.2) distinct.push(`#${disguise(pickWord(), random)}`);
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

function score(
  m: TermMatcher,
  positives: readonly { kind: string; input: string; topic: string }[],
  negatives: readonly { kind: string; input: string }[],
) {
  const topicsOf = (c: { kind: string; input: string }): readonly string[] =>
    c.kind === 'tag' ? m.matchTag(c.input) : m.scanText(c.input);
  let hit = 0;
  let predicted = 0;
  for (const c of positives) {
    const t = topicsOf(c);
    if (t.length > 0) predicted++;
    if (t.includes(c.topic)) hit++;
  }
  for (const c of negatives) if (topicsOf(c).length > 0) predicted++;
  return { precision: predicted === 0 ? 1 : hit / predicted, recall: hit / positives.length };
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
    const fx = score(createEvasiveMatcher(fixture.terms), fixture.positives, fixture.negatives);
    const random = seeded('matcher-bench-variants');
    const single = (fixture.terms as TermEntry[]).filter((e) => !e.term.includes(' '));
    const positives = [];
    const negatives = [];
    for (let i = 0; i < 5000; i++) {
      const e = single[Math.floor(random() * single.length)]!;
      positives.push({ kind: 'tag', input: `#${makeVariant(e.term, random, 7)}`, topic: e.topic });
      negatives.push({
        kind: 'tag',
        input: `#${disguise(negativeWords.words[Math.floor(random() * negativeWords.words.length)]!, random)}`,
      });
    }
    const gen = score(createEvasiveMatcher(fixture.terms), positives, negatives);
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
        'exact matcher matchTag on the same tags',
        exactRatio,
        '×',
        'Set.has of the same tags',
      ),
      figure('precision on the fixture', fx.precision, '', '—', '≥ 0.98', fx.precision >= 0.98),
      figure('recall on the fixture', fx.recall, '', '—', '≥ 0.95', fx.recall >= 0.95),
      figure(
        'precision on 5,000 generated variants + 5,000 disguised negatives',
        gen.precision,
        '',
        '—',
        '≥ 0.98',
        gen.precision >= 0.98,
      ),
      figure(
        'recall on 5,000 generated variants',
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
