/**
 * Search interception: precision and recall on the labelled query fixture with the evasive and
 * the exact matcher, and the cost of one interceptQuery call as a ratio to a naive keyword
 * check of the same queries measured in the same run.
 */
import { createRebalancer } from '../src/facade/createRebalancer.js';
import { DEFAULT_CRISIS_TERMS } from '../src/interventions/queries/crisisTerms.js';
import { presets } from '../src/presets/presets.js';
import { createEvasiveMatcher } from '../src/taxonomy/evasive/createEvasiveMatcher.js';
import { createExactMatcher } from '../src/taxonomy/match/createExactMatcher.js';
import type { TermMatcherFactory } from '../src/taxonomy/match/types.js';
import fixture from '../test/fixtures/queries/queries.json' with { type: 'json' };
import { scoreQueries, type LabelledQuery } from '../test/interventions/scoreQueries.js';
import { figure, measureRatio, ratioAtMost, type BenchRow, type BenchSuite } from './harness.js';

const queries = fixture.queries as LabelledQuery[];

function rebalancer(matcher: TermMatcherFactory) {
  return createRebalancer({
    taxonomy: presets.taxonomies.default,
    policy: presets.policies.balanced,
    matcher,
  });
}

const suite: BenchSuite = {
  title: 'Search interception',
  run(): BenchRow[] {
    const rows: BenchRow[] = [figure('labelled queries in the fixture', queries.length, '')];
    for (const [name, matcher] of [
      ['evasive matcher', createEvasiveMatcher],
      ['exact matcher', createExactMatcher],
    ] as const) {
      const rb = rebalancer(matcher);
      const score = scoreQueries(
        queries,
        (q) => rb.interceptQuery(q, { locale: 'en' })?.group ?? null,
      );
      rows.push(
        figure(
          `crisis precision on the fixture (${name})`,
          score.precision,
          '',
          '—',
          '≥ 0.98',
          score.precision >= 0.98,
        ),
        figure(
          `crisis recall on the fixture (${name})`,
          score.recall,
          '',
          '—',
          '≥ 0.95',
          score.recall >= 0.95,
        ),
      );
    }

    // The naive check a host might write: lower-case the query and look each word up in a set of
    // crisis words. It catches no misspelling, phrase or code word, and costs next to nothing.
    const words = new Set(DEFAULT_CRISIS_TERMS.flatMap((e) => e.term.split(' ')));
    let k = 0;
    const next = (): string => queries[(k = (k + 1) % queries.length)]!.query;
    const baseline = (): boolean => {
      const parts = next().toLowerCase().split(' ');
      let hit = false;
      for (let i = 0; i < parts.length; i++) if (words.has(parts[i]!)) hit = true;
      return hit;
    };
    const base = 'toLowerCase + Set.has over the words of the same queries';
    for (const [name, matcher] of [
      ['evasive matcher', createEvasiveMatcher],
      ['exact matcher', createExactMatcher],
    ] as const) {
      const rb = rebalancer(matcher);
      const ratio = measureRatio(() => rb.interceptQuery(next(), { locale: 'en' }), baseline);
      rows.push(figure(`interceptQuery per fixture query (${name})`, ratio, '×', base));
    }

    // A 1 MB query costs what its first 500 characters cost: the cap bounds the work.
    const rb = rebalancer(createEvasiveMatcher);
    const huge = 'k i l l m y s e l f '.repeat(60_000);
    const head = huge.slice(0, 500);
    const hugeRatio = measureRatio(
      () => rb.interceptQuery(huge, { locale: 'en' }),
      () => rb.interceptQuery(head, { locale: 'en' }),
    );
    rows.push(
      ratioAtMost(
        'interceptQuery on a 1.2 MB spaced-letter query',
        hugeRatio,
        1,
        'interceptQuery on its first 500 characters',
        2,
      ),
    );
    return rows;
  },
};

export default suite;
