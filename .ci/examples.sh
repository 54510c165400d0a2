#!/usr/bin/env bash
# Runs every example the README and docs point to, so none of them rots. The service example
# and the on-device example are exercised by their own tests in the main suite.
set -euo pipefail
for f in examples/*.ts; do
  echo "example: $f"
  node --import tsx "$f" >/dev/null
done
echo "example: examples/property-test"
npx vitest run --config examples/property-test/vitest.config.ts
