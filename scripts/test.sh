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
npm run --silent docs:links

step "type-check"
npm run --silent typecheck

step "AsyncAPI contract"
npm run --silent asyncapi:check

step "build"
npm run --silent build

step "infrastructure"
# shellcheck source=infra/env.sh
source scripts/infra/env.sh
# The dashboard test drives a real headless Chromium (Debian's package).
chromium="$(bash scripts/infra/chromium.sh ensure | tail -n1)"
export CHROMIUM_PATH="${chromium#CHROMIUM_PATH=}"
trap 'bash scripts/infra/down.sh || true' EXIT

# CI also runs the benchmark's quick mode, so it never rots (figures only, no thresholds).
bench_status=0
if [[ "${CI:-}" == "true" ]]; then
  step "benchmark, quick mode"
  npm run -s bench:quick || bench_status=$?
fi

step "tests (unit + integration against KAFKA_BROKERS=$KAFKA_BROKERS REDIS_URL=$REDIS_URL)"
log="$(mktemp)"
status=0
npx jest --ci "$@" 2>&1 | tee "$log" || status=$?
# The plain closing line CI tools read: "jest: N passed, N failed".
summary="$(grep -E '^Tests: ' "$log" | tail -n1 || true)"
rm -f "$log"
# Stop the infrastructure now, so the summary below is the last thing printed.
trap - EXIT
bash scripts/infra/down.sh >/dev/null 2>&1 || true
[[ "$status" == 0 ]] && status="$bench_status"
passed="$(sed -nE 's/.* ([0-9]+) passed.*/\1/p' <<<"$summary")"
failed="$(sed -nE 's/.* ([0-9]+) failed.*/\1/p' <<<"$summary")"
skipped="$(sed -nE 's/.* ([0-9]+) skipped.*/\1/p' <<<"$summary")"
printf '\njest: %s passed, %s failed%s\n' "${passed:-0}" "${failed:-0}" "${skipped:+, $skipped skipped}"
exit "$status"
