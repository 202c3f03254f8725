#!/usr/bin/env bash
# Stops what scripts/up.sh started: the services first (SIGTERM, so each finishes its batch and
# commits), then the broker and Redis that the infra scripts started, and forgets the endpoints file
# the CLIs read. Safe to run twice.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$ROOT/.infra/run"
for pidfile in "$RUN"/*.pid; do
  [[ -f "$pidfile" ]] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "stopped $(basename "$pidfile" .pid) (pid $pid)"
  fi
  rm -f "$pidfile"
done
rm -f "$ROOT/.infra/pipeline.env"
bash "$ROOT/scripts/infra/down.sh"
