import { createRebalancer, presets, RebalanceError, type Item } from '../src/index.js';
import { figure, measure, ratioAtMost, type BenchSuite } from './harness.js';

// Hostile input must cost time linear in its size: per-candidate cost of rebalance at 10⁴ and
// 10⁵ candidates against the same cost at 10³, measured in one run, on a feed mixing triggering
// runs, two-group items, evasive hashtags, prototype names and duplicate ids; and inputs over the
// limits rejected before they are read.

/** A hostile but valid feed of n candidates, deterministic (no randomness). */
function hostileFeed(n: number): Item[] {
  const out: Item[] = new Array<Item>(n);
  for (let i = 0; i < n; i++) {
    const id = i % 17 === 16 ? `c${i - 1}` : `c${i}`; // a duplicate id now and then
    if (i % 7 === 0) out[i] = { id, topics: ['pro-ana'], hashtags: ['#thinspo'] };
    else if (i % 11 === 0) out[i] = { id, topics: { 'self-harm': 0.9, suicide: 0.8 } };
    else if (i % 13 === 0) out[i] = { id, hashtags: ['#th1nsp0', '#__proto__'] };
    else
      out[i] = { id, topics: ['__proto__', 'constructor', 'cooking'], text: 'what I eat in a day' };
  }
  return out;
}

/** n candidates that are all invalid (a NaN score), for a policy that skips invalid items. */
function invalidFeed(n: number): Item[] {
  return Array.from({ length: n }, (_, i) => ({ id: `x${i}`, score: Number.NaN }));
}

const suite: BenchSuite = {
  title: 'hardening: time linear in input size',
  // Its targets sit within the spread of one process's figures: each row is the median of 5.
  processes: 5,
  run() {
    const rb = createRebalancer({
      taxonomy: presets.taxonomies.default,
      policy: { ...presets.policies.protective, onInvalidItem: 'skip' },
    });
    const run = Array.from({ length: 40 }, (_, i) => ({
      item: { id: `s${i}`, topics: ['pro-ana', 'self-harm', 'suicide'] },
      at: i * 10_000,
    }));
    const state = rb.observe(rb.emptyState(), run);
    const pool = Array.from({ length: 50 }, (_, i) => ({
      id: `r${i}`,
      topics: ['ed-recovery', 'self-harm-recovery', 'suicide-prevention'],
    }));
    const at = 400_000;
    const perItem = (n: number, feed: (n: number) => Item[]): number => {
      const candidates = feed(n);
      return (
        measure(() => rb.rebalance({ candidates, recovery: pool, state, at }), {
          samples: 5,
          minMs: 60,
        }) / n
      );
    };
    const hostile3 = perItem(1_000, hostileFeed);
    const hostile4 = perItem(10_000, hostileFeed);
    const hostile5 = perItem(100_000, hostileFeed);
    const feed5 = hostileFeed(100_000);
    const json5 = measure(() => JSON.parse(JSON.stringify(feed5)) as unknown, {
      samples: 5,
      minMs: 60,
    });
    const invalid3 = perItem(1_000, invalidFeed);
    const invalid5 = perItem(100_000, invalidFeed);

    const tooMany = new Array<Item>(1_000_001).fill({ id: 'same' });
    const small = hostileFeed(10);
    const reject = measure(() => {
      try {
        return rb.rebalance({ candidates: tooMany, state, at });
      } catch (error) {
        if (error instanceof RebalanceError) return error.code;
        throw error;
      }
    });
    const ten = measure(() => rb.rebalance({ candidates: small, recovery: pool, state, at }));

    return [
      ratioAtMost(
        'rebalance per candidate, 10⁴ hostile candidates',
        hostile4,
        hostile3,
        'per candidate at 10³',
        1.5,
      ),
      ratioAtMost(
        'rebalance per candidate, 10⁵ hostile candidates',
        hostile5,
        hostile3,
        'per candidate at 10³',
        2,
      ),
      ratioAtMost(
        'rebalance per candidate, 10⁵ invalid candidates skipped',
        invalid5,
        invalid3,
        'per candidate at 10³',
        2,
      ),
      ratioAtMost(
        'rejecting 10⁶ + 1 candidates (over the limit)',
        reject,
        ten,
        'rebalance of 10 candidates',
        1,
      ),
      figure(
        'rebalance of 10⁵ hostile candidates',
        (hostile5 * 100_000) / json5,
        '×',
        'JSON.parse(JSON.stringify(candidates)) of the same list',
      ),
    ];
  },
};

export default suite;
