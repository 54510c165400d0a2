#!/usr/bin/env bash
# Size budget of the core entry: minified and gzipped, with everything it imports
# (scripts/size-budget.mjs prints the figures and fails above the budget). Bundles the built entry
# when it exists.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f dist/index.js ]; then
  node scripts/size-budget.mjs dist/index.js
else
  node scripts/size-budget.mjs src/index.ts
fi
