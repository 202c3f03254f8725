#!/usr/bin/env bash
# Brings up the whole pipeline on this machine: installs dependencies if needed, builds, starts a
# Kafka broker and Redis (or uses KAFKA_BROKERS / REDIS_URL), starts the journey processor in the
# background, plays a demo storefront stream and shows one customer's journey.
# `bash scripts/down.sh` stops everything this script started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUN="$ROOT/.infra/run"
mkdir -p "$RUN"
HTTP_PORT="${HTTP_PORT:-3000}"
export HTTP_PORT

step() { printf '\n== %s\n' "$*"; }

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

step "build"
npm run --silent build

step "infrastructure"
# shellcheck source=infra/env.sh
source scripts/infra/env.sh

step "journey processor"
if [[ -f "$RUN/journey-processor.pid" ]] && kill -0 "$(cat "$RUN/journey-processor.pid")" 2>/dev/null; then
  echo "already running (pid $(cat "$RUN/journey-processor.pid"))"
else
  nohup node dist/apps/journey-processor/apps/journey-processor/src/main.js >"$RUN/journey-processor.log" 2>&1 &
  echo $! >"$RUN/journey-processor.pid"
fi
for _ in $(seq 1 120); do
  code="$(node scripts/http-get.mjs "http://127.0.0.1:$HTTP_PORT/customers/probe/journey" --status || true)"
  [[ "$code" == "404" ]] && break
  if ! kill -0 "$(cat "$RUN/journey-processor.pid")" 2>/dev/null; then
    echo "journey processor exited; its log:" >&2
    tail -n 40 "$RUN/journey-processor.log" >&2
    exit 1
  fi
  sleep 0.5
done
[[ "$code" == "404" ]] || { echo "journey processor did not answer on :$HTTP_PORT" >&2; exit 1; }
echo "consuming as group journey-processor, HTTP on http://127.0.0.1:$HTTP_PORT"

step "demo storefront stream"
demo_out="$(DEMO_CUSTOMERS="${DEMO_CUSTOMERS:-2000}" npm run --silent demo)"
printf '%s\n' "$demo_out"
customer="$(printf '%s\n' "$demo_out" | sed -n 's/^showcase customer: //p' | tail -n1)"
customer="${customer:-demo-0}"

step "the journey of $customer"
for _ in $(seq 1 60); do
  body="$(node scripts/http-get.mjs "http://127.0.0.1:$HTTP_PORT/customers/$customer/journey" || true)"
  [[ -n "$body" ]] && break
  sleep 0.5
done
printf '%s\n' "${body:-($customer not processed yet; try the URL below in a moment)}"

cat <<MSG

The pipeline is running.
  journey API   curl http://127.0.0.1:$HTTP_PORT/customers/$customer/journey
  Kafka         $KAFKA_BROKERS  (topics journey.*.v1 in, customer.*.v1 out, journey.dead-letter.v1)
  Redis         $REDIS_URL  (keys cjp:j:{customerId})
  logs          .infra/run/journey-processor.log
  stop          bash scripts/down.sh
MSG
