#!/usr/bin/env bash
# Fails when dist/ is not what the sources build to: the bundle is what GitHub runs.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(mktemp -d)
cp -r dist "$before/dist"
npm run bundle >/dev/null
if ! diff -r "$before/dist" dist >/dev/null; then
  echo "dist/ is stale: run 'npm run bundle' and commit dist/ with the sources." >&2
  diff -rq "$before/dist" dist >&2 || true
  exit 1
fi
echo "dist/ is current"
