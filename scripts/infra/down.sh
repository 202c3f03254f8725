#!/usr/bin/env bash
# Stops exactly what scripts/infra/env.sh started (as recorded in <repo>/.infra/started) and
# nothing else: a Kafka or Redis given through KAFKA_BROKERS / REDIS_URL, the system Redis, or a
# broker that was already running before env.sh, are left alone. Safe to run more than once.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
STARTED="$ROOT/.infra/started"

log() { printf 'down.sh: %s\n' "$*" >&2; }

if [[ ! -s "$STARTED" ]]; then
  log "nothing recorded in $STARTED; nothing to stop"
  exit 0
fi

rc=0
while read -r what arg; do
  case "$what" in
    kafka) "$SCRIPT_DIR/kafka.sh" stop || rc=1 ;;
    redis)
      if [[ -f "$ROOT/.infra/redis/started/$arg" ]]; then
        "$SCRIPT_DIR/redis.sh" stop-server-at "$arg" || rc=1
      else
        log "redis-server on port $arg already stopped"
      fi
      ;;
    '') ;;
    *) log "unknown entry in $STARTED: $what $arg" ;;
  esac
done <"$STARTED"

if ((rc == 0)); then
  rm -f "$STARTED"
else
  log "some services did not stop cleanly; kept $STARTED"
fi
exit "$rc"
