import { createRebalancer, presets, serializeState } from '../src/index.js';
import { figure, measureRatio, ratioAtMost, type BenchSuite } from './harness.js';

const suite: BenchSuite = {
  title: 'observe and assess',
  run() {
    const rb = createRebalancer({
      taxonomy: presets.taxonomies.default,
      policy: presets.policies.protective,
    });
    // A state with history: two hundred impressions, a third of them triggering.
    const history = Array.from({ length: 200 }, (_, i) => ({
      item: { id: `h${i}`, topics: i % 3 === 0 ? ['pro-ana'] : ['cooking'] },
      at: i * 8_000,
      dwellMs: 5_000 + (i % 7) * 1_000,
    }));
    let state = rb.observe(rb.emptyState(), history);
    // The per-impression path as a service runs it: each impression folded into the state the
    // previous one produced, then the state assessed.
    const items = [
      { id: 'a', topics: ['thinspiration', 'music'] },
      { id: 'b', topics: ['cooking'] },
      { id: 'c', topics: ['music'] },
    ];
    const start = state;
    let at = 2_000_000;
    let k = 0;
    const step = (): unknown => {
      at += 8_000;
      state = rb.observe(state, { item: items[k++ % items.length]!, at, dwellMs: 9_000 });
      return rb.assess(state, at + 1);
    };
    const ratio = measureRatio(step, () => JSON.parse(JSON.stringify(start)) as unknown);
    const bytes = new TextEncoder().encode(serializeState(state)).length;
    return [
      ratioAtMost(
        'observe + assess, per impression',
        ratio,
        1,
        'JSON.parse(JSON.stringify(state))',
        0.25,
      ),
      figure(
        'state size, default taxonomy, protective policy',
        bytes,
        'bytes',
        '—',
        '≤ 2,048 bytes',
        bytes <= 2048,
      ),
    ];
  },
};
export default suite;
