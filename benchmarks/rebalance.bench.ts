import {
  createExactMatcher,
  createRebalancer,
  presets,
  type TermMatcherFactory,
  type UserState,
} from '../src/index.js';
import { figure, measureRatio, ratioAtMost, type BenchSuite } from './harness.js';
import { candidates, recoveryPool } from './fixtures/feeds.js';

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

const suite: BenchSuite = {
  title: 'rebalance',
  // Its targets sit within the spread of one process's figures: each row is the median of 5.
  processes: 5,
  run() {
    const { rb, state } = sustainedState();
    const at = 400_000;
    const plain500 = candidates(500);
    const tagged500 = candidates(500, { hashtags: true });
    const plainTagged500 = candidates(500, { hashtags: true, evasive: false });
    const plain5000 = candidates(5000);
    const emb500 = candidates(500, { dim: 64 });
    const pool = recoveryPool(50);
    const embPool = recoveryPool(50, { dim: 64 });

    const sort500 = (): unknown => plain500.slice().sort((a, b) => b.score! - a.score!);
    const sortEmb = (): unknown => emb500.slice().sort((a, b) => b.score! - a.score!);
    const sortTagged = (): unknown => tagged500.slice().sort((a, b) => b.score! - a.score!);
    const rb500 = (): unknown => rb.rebalance({ candidates: plain500, recovery: pool, state, at });
    // The rebalancer is built as a user builds it, so hashtags go through the default (evasive)
    // matcher; its memo answers the tags a feed repeats from request to request.
    const rbTagged = (): unknown =>
      rb.rebalance({ candidates: tagged500, recovery: pool, state, at });
    // On plain terms both matchers find the same triggering items, so the reranking is the same
    // and the ratio is the matcher's own cost.
    const exact = sustainedState(createExactMatcher);
    const rbPlainTagged = (): unknown =>
      rb.rebalance({ candidates: plainTagged500, recovery: pool, state, at });
    const rbPlainTaggedExact = (): unknown =>
      exact.rb.rebalance({ candidates: plainTagged500, recovery: pool, state: exact.state, at });
    const rbEmb = (): unknown => rb.rebalance({ candidates: emb500, recovery: embPool, state, at });
    const rb5000 = (): unknown =>
      rb.rebalance({ candidates: plain5000, recovery: pool, state, at });
    // Subject and baseline alternate window by window, so a shared machine's drifts hit both.
    return [
      ratioAtMost(
        'rebalance, 500 candidates, 3 groups sustained, pool 50',
        measureRatio(rb500, sort500),
        1,
        'sort of the 500 by score',
        1.0,
      ),
      // Reading hashtags costs what it costs with any matcher; the next row compares the two.
      figure(
        'rebalance, 500 candidates labelled by hashtags (evasive spellings, compounds)',
        measureRatio(rbTagged, sortTagged),
        '×',
        'sort of the 500 by score',
      ),
      figure(
        'rebalance, 500 candidates labelled by plain-term hashtags: default (evasive) matcher',
        measureRatio(rbPlainTagged, rbPlainTaggedExact),
        '×',
        'the same with createExactMatcher',
      ),
      ratioAtMost(
        'rebalance, 500 candidates with 64-d embeddings, recovery by relevance',
        measureRatio(rbEmb, sortEmb),
        1,
        'sort of the 500 by score',
        3.0,
      ),
      ratioAtMost(
        'rebalance growth: 5,000 vs 500 candidates',
        measureRatio(rb5000, rb500),
        1,
        'rebalance of 500',
        12,
      ),
    ];
  },
};
export default suite;
