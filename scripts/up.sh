#!/usr/bin/env bash
# Brings up the whole pipeline on this machine: installs dependencies if needed, builds, starts a
# Kafka broker and Redis (or uses KAFKA_BROKERS / REDIS_URL), starts the journey processor, the
# scheduler and the collector in the background, plays a demo storefront stream and shows one
# customer's journey. The endpoints it used go to .infra/pipeline.env, where the CLIs (npm run lag,
# erase, backtest, backtest:load, demo) find them when the environment does not say.
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
SCHEDULER_PORT="${SCHEDULER_PORT:-3001}"
COLLECTOR_PORT="${COLLECTOR_PORT:-3002}"

# Where the CLIs find this pipeline when the environment does not say (libs/app-config reads it;
# the environment wins). Addresses only: credentials are never written here.
{
  echo "# Written by scripts/up.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); bash scripts/down.sh removes it."
  echo "KAFKA_BROKERS=$KAFKA_BROKERS"
  echo "REDIS_URL=$REDIS_URL"
  [[ -n "${KAFKA_TOPIC_PREFIX:-}" ]] && echo "KAFKA_TOPIC_PREFIX=$KAFKA_TOPIC_PREFIX"
  [[ -n "${REDIS_KEY_PREFIX:-}" ]] && echo "REDIS_KEY_PREFIX=$REDIS_KEY_PREFIX"
  echo "PROCESSOR_URL=http://127.0.0.1:$HTTP_PORT"
  echo "SCHEDULER_URL=http://127.0.0.1:$SCHEDULER_PORT"
  echo "COLLECTOR_URL=http://127.0.0.1:$COLLECTOR_PORT"
} >"$ROOT/.infra/pipeline.env"
echo "endpoints written to .infra/pipeline.env"

# Starts one built service in the background (unless it already runs) and waits until its HTTP
# answers. $1 name, $2 port, $3 probe path, $4 status that means up.
start_service() {
  local name="$1" port="$2" probe="$3" want="$4" pidfile="$RUN/$1.pid" code=""
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "$name already running (pid $(cat "$pidfile"))"
    return 0
  fi
  # A broker that has just started may still be loading its group coordinator: a service that exits
  # while starting gets two more tries.
  for attempt in 1 2 3; do
    HTTP_PORT="$port" nohup node "dist/apps/$name/apps/$name/src/main.js" >>"$RUN/$name.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 120); do
      code="$(node scripts/http-get.mjs "http://127.0.0.1:$port$probe" --status || true)"
      [[ "$code" == "$want" ]] && { echo "$name up on http://127.0.0.1:$port"; return 0; }
      kill -0 "$(cat "$pidfile")" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then break; fi
    echo "$name exited while starting (attempt $attempt); its log:" >&2
    tail -n 20 "$RUN/$name.log" >&2
    [[ "$attempt" == 3 ]] && exit 1
    sleep 3
  done
  echo "$name did not answer on :$port" >&2
  exit 1
}

step "journey processor, scheduler and collector"
# A demo admin key for the processor's guarded endpoints (audiences, erasure), generated once.
if [[ ! -s "$RUN/admin-api-key" ]]; then
  node -e 'process.stdout.write(require("node:crypto").randomBytes(24).toString("base64url"))' >"$RUN/admin-api-key"
fi
ADMIN_KEY="$(cat "$RUN/admin-api-key")"
if [[ -z "${ADMIN_API_KEY_SHA256:-}" ]]; then
  ADMIN_API_KEY_SHA256="$(node -e 'process.stdout.write(require("node:crypto").createHash("sha256").update(process.argv[1]).digest("hex"))' "$ADMIN_KEY")"
  export ADMIN_API_KEY_SHA256
fi
start_service journey-processor "$HTTP_PORT" /customers/probe/journey 404
start_service journey-scheduler "$SCHEDULER_PORT" /health/live 200
# A demo storefront key for the collector, generated once and kept under .infra/run.
if [[ ! -s "$RUN/demo-api-key" ]]; then
  node -e 'process.stdout.write(require("node:crypto").randomBytes(24).toString("base64url"))' >"$RUN/demo-api-key"
fi
DEMO_KEY="$(cat "$RUN/demo-api-key")"
DEMO_KEY_SHA="$(node -e 'process.stdout.write(require("node:crypto").createHash("sha256").update(process.argv[1]).digest("hex"))' "$DEMO_KEY")"
if [[ -z "${COLLECTOR_API_KEYS:-}" ]]; then
  COLLECTOR_API_KEYS="$(node -e 'process.stdout.write(JSON.stringify([{ id: "demo-shop", sha256: process.argv[1], eventTypes: ["*"], corsOrigins: [], ratePerMinute: 6000 }]))' "$DEMO_KEY_SHA")"
  export COLLECTOR_API_KEYS
fi
start_service collector "$COLLECTOR_PORT" /health/ready 200

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

# -- CLV refit after the demo stream: fit the models on what the demo bought, then show
# the fitted parameters and one customer's predictive CLV and segment.
step "CLV refit on the demo stream"
node scripts/demo-clv.mjs "http://127.0.0.1:$HTTP_PORT" "http://127.0.0.1:${SCHEDULER_PORT:-3001}" "$customer" ||
  echo "the refit step failed; try: curl -X POST http://127.0.0.1:${SCHEDULER_PORT:-3001}/jobs/refit"

cat <<MSG

The pipeline is running.
  journey API   curl http://127.0.0.1:$HTTP_PORT/customers/$customer/journey
  KPIs          curl 'http://127.0.0.1:$HTTP_PORT/kpis?from=2024-01-01&to=2027-01-01'
  dashboard     http://127.0.0.1:$HTTP_PORT/dashboard      metrics  http://127.0.0.1:$HTTP_PORT/metrics
  CLV refit     curl -X POST http://127.0.0.1:$SCHEDULER_PORT/jobs/refit
  audiences     curl -H "Authorization: Bearer $ADMIN_KEY" 'http://127.0.0.1:$HTTP_PORT/audiences/counts?churnBand=high'
  collector     curl -X POST http://127.0.0.1:$COLLECTOR_PORT/v1/events -H "Authorization: Bearer $DEMO_KEY" \\
                  -H 'Content-Type: application/json' -d '{"customerId":"c-1","eventId":"e-1","type":"ad_click",...}'
  collector ops http://127.0.0.1:$COLLECTOR_PORT/metrics  http://127.0.0.1:$COLLECTOR_PORT/health/ready
  consumer lag  npm run lag       (the CLIs find this pipeline in .infra/pipeline.env)
  Kafka         $KAFKA_BROKERS  (topics journey.*.v1 in, customer.*.v1 out, journey.dead-letter.v1)
  Redis         $REDIS_URL  (keys cjp:j:{customerId})
  logs          .infra/run/journey-processor.log
  stop          bash scripts/down.sh
MSG
