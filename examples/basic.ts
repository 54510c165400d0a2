/**
 * Basic use: observe what a user was shown, assess, and rebalance the next ranked feed.
 * Run with `node --import tsx examples/basic.ts`.
 */
import { createRebalancer, explain, presets } from '../src/index.js';

const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});

// A user has watched a run of thinspiration videos for about ten seconds each.
let state = rb.emptyState();
const start = Date.UTC(2026, 0, 1, 20, 0, 0);
for (let i = 0; i < 12; i++) {
  const item = { id: `seen-${i}`, hashtags: ['#thinspo', '#fyp'] };
  state = rb.observe(state, { item, at: start + i * 15_000, dwellMs: 10_000 });
}
const at = start + 12 * 15_000;
const assessment = rb.assess(state, at);
console.log('eating-disorder:', assessment.groups['eating-disorder']);

// The host ranked the next page; the policy caps triggering items and interleaves recovery.
const candidates = Array.from({ length: 12 }, (_, i) => ({
  id: `c${i}`,
  topics: i % 2 === 0 ? ['pro-ana'] : ['cooking'],
}));
const recovery = [
  { id: 'r1', topics: ['ed-recovery'] },
  { id: 'r2', hashtags: ['#edrecovery'] },
];
const out = rb.rebalance({ candidates, recovery, state, at, size: 10 });
console.log(
  out.slots
    .map((s) => `${s.id}${s.reasons.length > 0 ? ` (${s.reasons.join(', ')})` : ''}`)
    .join('\n'),
);
console.log(explain(out));
