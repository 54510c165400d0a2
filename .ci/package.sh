#!/usr/bin/env bash
# Smoke test of the packed package: install the tarball in an empty project and use it through
# both `import` (ESM) and `require` (CJS); then check the package with publint and
# are-the-types-wrong.
set -euo pipefail
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund "$tmp/$tarball" >/dev/null
cat > esm.mjs <<'JS'
import { createRebalancer, presets, RebalanceError } from 'feed-rebalancer';
const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
const state = rb.observe(rb.emptyState(), { item: { id: 'a', hashtags: ['#thinspo'] }, at: 0 });
const out = rb.rebalance({ candidates: [{ id: 'x' }, { id: 'y', topics: ['pro-ana'] }], state, at: 1 });
if (out.items.length !== 2 || !(new RebalanceError('policy', 'm') instanceof Error)) process.exit(1);
console.log('esm ok', rb.assess(state, 1).groups['eating-disorder'].run);
JS
cat > cjs.cjs <<'JS'
const { createRebalancer, presets } = require('feed-rebalancer');
const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.protective });
const out = rb.rebalance({ candidates: [{ id: 'x' }], state: rb.emptyState(), at: 0 });
if (out.items.length !== 1) process.exit(1);
console.log('cjs ok');
JS
node esm.mjs
node cjs.cjs
cd "$root"
npx publint --strict
npx attw --pack . --profile node16
