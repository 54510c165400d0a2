#!/usr/bin/env bash
# Runs every example the README and docs point to, so none of them rots.
set -euo pipefail
for f in examples/*.ts; do
  echo "example: $f"
  node --import tsx "$f" >/dev/null
done
