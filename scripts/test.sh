#!/usr/bin/env bash
# The full check, exactly as CI runs it: install if needed, bring up a real Kafka broker and Redis
# (or use KAFKA_BROKERS / REDIS_URL as given), lint, type-check, validate the AsyncAPI document,
# build, run every unit and integration test, then stop whatever this script started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n== %s\n' "$*"; }

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

step "lint and format"
npm run --silent lint
npm run --silent format:check

step "type-check"
npm run --silent typecheck

step "AsyncAPI contract"
npm run --silent asyncapi:check

step "build"
npm run --silent build

step "infrastructure"
# shellcheck source=infra/env.sh
source scripts/infra/env.sh
trap 'bash scripts/infra/down.sh || true' EXIT

step "tests (unit + integration against KAFKA_BROKERS=$KAFKA_BROKERS REDIS_URL=$REDIS_URL)"
report="$(mktemp)"
status=0
npx jest --ci --json --outputFile="$report" "$@" || status=$?
node -e '
  const r = require(process.argv[1]);
  console.log(`\njest: ${r.numPassedTests} passed, ${r.numFailedTests} failed` +
    (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$report" || true
rm -f "$report"
exit "$status"
