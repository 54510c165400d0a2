import {
  createExactMatcher,
  createRebalancer,
  presets,
  type Item,
  type TermMatcherFactory,
  type UserState,
} from '../src/index.js';
import { figure, measureRatio, ratioAtMost, type BenchSuite } from './harness.js';
import { candidates, orders, recoveryPool } from './fixtures/feeds.js';

/**
 * A state at `sustained` for every group of the default taxonomy, reached by observing a run,
 * with a rebalancer built as a user builds it (the default matcher unless one is given).
 */
function sustainedState(matcher?: TermMatcherFactory): {
  rb: ReturnType<typeof createRebalancer>;
  state: UserState;
} {
  const rb = createRebalancer({
    taxonomy: presets.taxonomies.default,
    policy: presets.policies.protective,
    ...(matcher === undefined ? {} : { matcher }),
  });
  const impressions = [];
  for (let i = 0; i < 40; i++)
    impressions.push({
      item: { id: `s${i}`, topics: ['pro-ana', 'self-harm', 'suicide'] },
      at: i * 10_000,
    });
  const state = rb.observe(rb.emptyState(), impressions);
  for (const g of rb.groups)
    if (rb.assess(state).groups[g]?.level !== 'sustained') throw new Error(`${g} is not sustained`);
  return { rb, state };
}

/** Orders of each candidate list the rows cycle through (see `orders`). */
const ORDERS = 64;

/** A function handing out `lists` in turn, one per call. */
function cycle<T>(lists: readonly T[]): () => T {
  let k = 0;
  return () => lists[k++ % lists.length]!;
}

const suite: BenchSuite = {
  title: 'rebalance',
  // Its targets sit within the spread of one process's figures: each row is the median of 5.
  processes: 5,
  run() {
    const { rb, state } = sustainedState();
    const at = 400_000;
    const plain500 = orders(candidates(500), ORDERS);
    const tagged500 = orders(candidates(500, { hashtags: true }), ORDERS);
    const plainTagged500 = candidates(500, { hashtags: true, evasive: false });
    const plain5000 = candidates(5000);
    const emb500 = orders(candidates(500, { dim: 64 }), ORDERS);
    const pool = recoveryPool(50);
    const embPool = recoveryPool(50, { dim: 64 });

    // Against a sort, every call of the subject and of the baseline takes the next order of its
    // list, as a service gets a new feed with every request: sorting one order again and again,
    // the processor learns the sort's branches (see `orders`). Rows comparing a rebalance with a
    // rebalance keep one order on both sides.
    const sortOf = (lists: Item[][]): (() => unknown) => {
      const next = cycle(lists);
      return () =>
        next()
          .slice()
          .sort((a, b) => b.score! - a.score!);
    };
    const rebalanceOf = (
      lists: Item[][],
      recovery: Item[],
      on: { rb: ReturnType<typeof createRebalancer>; state: UserState } = { rb, state },
    ): (() => unknown) => {
      const next = cycle(lists);
      return () => on.rb.rebalance({ candidates: next(), recovery, state: on.state, at });
    };
    // The rebalancer is built as a user builds it, so hashtags go through the default (evasive)
    // matcher; its memo answers the tags a feed repeats from request to request.
    // On plain terms both matchers find the same triggering items, so the reranking is the same
    // and the ratio is the matcher's own cost.
    const exact = sustainedState(createExactMatcher);
    const one500 = plain500[0]!;
    // Subject and baseline alternate window by window, so a shared machine's drifts hit both.
    return [
      ratioAtMost(
        'rebalance, 500 candidates, 3 groups sustained, pool 50',
        measureRatio(rebalanceOf(plain500, pool), sortOf(plain500)),
        1,
        'sort of the 500 by score',
        1.0,
      ),
      // The same with one order every call, as this row was measured before: the sort's
      // branches are then learnt, and the baseline runs faster than any service's sort.
      figure(
        'the same, one order of the 500 every call',
        measureRatio(rebalanceOf([one500], pool), sortOf([one500])),
        '×',
        'sort of that one order by score',
      ),
      // Reading hashtags costs what it costs with any matcher; the next row compares the two.
      figure(
        'rebalance, 500 candidates labelled by hashtags (evasive spellings, compounds)',
        measureRatio(rebalanceOf(tagged500, pool), sortOf(tagged500)),
        '×',
        'sort of the 500 by score',
      ),
      figure(
        'rebalance, 500 candidates labelled by plain-term hashtags: default (evasive) matcher',
        measureRatio(
          rebalanceOf([plainTagged500], pool),
          rebalanceOf([plainTagged500], pool, exact),
        ),
        '×',
        'the same with createExactMatcher',
      ),
      ratioAtMost(
        'rebalance, 500 candidates with 64-d embeddings, recovery by relevance',
        measureRatio(rebalanceOf(emb500, embPool), sortOf(emb500)),
        1,
        'sort of the 500 by score',
        3.0,
      ),
      ratioAtMost(
        'rebalance growth: 5,000 vs 500 candidates',
        measureRatio(rebalanceOf([plain5000], pool), rebalanceOf([one500], pool)),
        1,
        'rebalance of 500',
        12,
      ),
    ];
  },
};
export default suite;
