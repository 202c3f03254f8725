#!/usr/bin/env bash
# shellcheck shell=bash
# Real infrastructure for tests and local runs. SOURCE it (bash):
#
#   source scripts/infra/env.sh      # exports KAFKA_BROKERS and REDIS_URL (and, for a broker of
#                                    # kafka.sh, KAFKA_SCRAM_BROKERS, KAFKA_TLS_BROKERS, KAFKA_TLS_CA_FILE)
#   ...                              # run the tests
#   scripts/infra/down.sh            # stops exactly what env.sh started
#
# KAFKA_BROKERS / REDIS_URL given by the caller always win: nothing is started for them.
# Otherwise scripts/infra/kafka.sh start and scripts/infra/redis.sh ensure provide them. What
# this file started (a broker or redis-server that was not running before) is appended to
# <repo>/.infra/started, which down.sh reads. It leaves the caller's shell options alone and
# returns non-zero if something could not be provided.
#
# Run instead of sourced, it prints `export ...` lines: eval "$(scripts/infra/env.sh)".

__infra_env() {
  local dir root started out port before after scram tls ca
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)" || return 1
  root="$(cd "$dir/../.." && pwd)" || return 1
  started="$root/.infra/started"
  mkdir -p "$root/.infra" || return 1

  if [[ -z "${KAFKA_BROKERS:-}" ]]; then
    before=0
    "$dir/kafka.sh" status 2>/dev/null && before=1
    out="$("$dir/kafka.sh" start)" || {
      echo "env.sh: could not start Kafka (see above)" >&2
      return 1
    }
    KAFKA_BROKERS="$(printf '%s\n' "$out" | sed -n 's/^KAFKA_BROKERS=//p' | tail -n1)"
    scram="$(printf '%s\n' "$out" | sed -n 's/^KAFKA_SCRAM_BROKERS=//p' | tail -n1)"
    if [[ -z "${KAFKA_SCRAM_BROKERS:-}" && -n "$scram" ]]; then export KAFKA_SCRAM_BROKERS="$scram"; fi
    tls="$(printf '%s\n' "$out" | sed -n 's/^KAFKA_TLS_BROKERS=//p' | tail -n1)"
    if [[ -z "${KAFKA_TLS_BROKERS:-}" && -n "$tls" ]]; then export KAFKA_TLS_BROKERS="$tls"; fi
    ca="$(printf '%s\n' "$out" | sed -n 's/^KAFKA_TLS_CA_FILE=//p' | tail -n1)"
    if [[ -z "${KAFKA_TLS_CA_FILE:-}" && -n "$ca" ]]; then export KAFKA_TLS_CA_FILE="$ca"; fi
    [[ -n "$KAFKA_BROKERS" ]] || { echo "env.sh: kafka.sh start printed no KAFKA_BROKERS" >&2; return 1; }
    export KAFKA_BROKERS
    if ((before == 0)) && "$dir/kafka.sh" status 2>/dev/null; then
      grep -qx 'kafka' "$started" 2>/dev/null || echo 'kafka' >>"$started"
    fi
  else
    echo "env.sh: using KAFKA_BROKERS=$KAFKA_BROKERS as given" >&2
  fi

  if [[ -z "${REDIS_URL:-}" ]]; then
    # shellcheck disable=SC2012 # the names are port numbers
    before="$(ls "$root/.infra/redis/started" 2>/dev/null | sort || true)"
    out="$("$dir/redis.sh" ensure)" || {
      echo "env.sh: could not provide Redis (see above)" >&2
      return 1
    }
    REDIS_URL="$(printf '%s\n' "$out" | sed -n 's/^REDIS_URL=//p' | tail -n1)"
    [[ -n "$REDIS_URL" ]] || { echo "env.sh: redis.sh ensure printed no REDIS_URL" >&2; return 1; }
    export REDIS_URL
    # shellcheck disable=SC2012 # the names are port numbers
    after="$(ls "$root/.infra/redis/started" 2>/dev/null | sort || true)"
    for port in $(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after")); do
      grep -qx "redis $port" "$started" 2>/dev/null || echo "redis $port" >>"$started"
    done
  else
    echo "env.sh: using REDIS_URL=$REDIS_URL as given" >&2
  fi

  echo "env.sh: KAFKA_BROKERS=$KAFKA_BROKERS REDIS_URL=$REDIS_URL" >&2
}

if (return 0 2>/dev/null); then
  # Sourced: called inside `if` so a caller's `set -e` cannot abort it half-way.
  if __infra_env; then
    unset -f __infra_env
  else
    unset -f __infra_env
    return 1
  fi
else
  set -euo pipefail
  __infra_env
  printf 'export KAFKA_BROKERS=%q\nexport REDIS_URL=%q\n' "$KAFKA_BROKERS" "$REDIS_URL"
fi
