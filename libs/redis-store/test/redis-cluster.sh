#!/usr/bin/env bash
# A throwaway 3-master Redis Cluster for the redis-store integration tests, without Docker.
#
#   redis-cluster.sh start   start the nodes, create the cluster, wait until every node reports it ok,
#                            and print CLUSTER_NODES=127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3 on stdout
#   redis-cluster.sh stop    stop the nodes this script started (by pid file) and delete their data
#
# Ports: $REDIS_CLUSTER_BASE_PORT (17001) and the two after it. State (pid, log and nodes-P.conf files)
# lives in $REDIS_CLUSTER_DIR (default: a folder in $TMPDIR). No persistence. A node left over from an
# earlier run is stopped first; a port held by anything else is an error, never taken over.
set -euo pipefail

BASE_PORT="${REDIS_CLUSTER_BASE_PORT:-17001}"
PORTS=("$BASE_PORT" "$((BASE_PORT + 1))" "$((BASE_PORT + 2))")
STATE_DIR="${REDIS_CLUSTER_DIR:-${TMPDIR:-/tmp}/pipeline-redis-cluster-$BASE_PORT}"

log() { printf 'redis-cluster.sh: %s\n' "$*" >&2; }
die() {
  printf 'redis-cluster.sh: ERROR: %s\n' "$*" >&2
  exit 1
}

require_binaries() {
  local binary
  for binary in redis-server redis-cli; do
    command -v "$binary" >/dev/null 2>&1 ||
      die "$binary not found on PATH: install Redis (Debian: apt-get install redis-server) to run the cluster test"
  done
}

# 0 if anything accepts TCP connections on 127.0.0.1:$1.
# shellcheck disable=SC2016 # the inner script expands $1 itself
port_open() { timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null; }

# The pid of a redis-server this script started on port $1, if it still runs.
our_pid() {
  local pid_file="$STATE_DIR/$1/redis.pid" pid
  [[ -f "$pid_file" ]] || return 1
  pid="$(cat "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(ps -o comm= -p "$pid" 2>/dev/null)" == redis-server* ]] || return 1
  printf '%s\n' "$pid"
}

stop_nodes() {
  local port pid waited
  for port in "${PORTS[@]}"; do
    if pid="$(our_pid "$port")"; then
      log "stopping node $port (pid $pid)"
      kill "$pid" 2>/dev/null || true
      for ((waited = 0; waited < 50; waited++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    fi
  done
  rm -rf "$STATE_DIR"
}

wait_until() {
  local description="$1" attempts="$2"
  shift 2
  local n
  for ((n = 0; n < attempts; n++)); do
    "$@" && return 0
    sleep 0.1
  done
  die "timed out waiting for $description"
}

node_answers() { [[ "$(redis-cli -p "$1" ping 2>/dev/null)" == PONG ]]; }

# Every node must agree, not just one: a client may be routed to any of them.
cluster_converged() {
  local port info
  for port in "${PORTS[@]}"; do
    info="$(redis-cli -p "$port" cluster info 2>/dev/null)" || return 1
    grep -q '^cluster_state:ok' <<<"$info" || return 1
    grep -q '^cluster_slots_ok:16384' <<<"$info" || return 1
    grep -q "^cluster_known_nodes:${#PORTS[@]}" <<<"$info" || return 1
  done
}

start_nodes() {
  require_binaries
  stop_nodes
  local port
  for port in "${PORTS[@]}"; do
    port_open "$port" && die "port $port is in use by a process this script did not start"
  done
  for port in "${PORTS[@]}"; do
    mkdir -p "$STATE_DIR/$port"
    redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes \
      --cluster-config-file "nodes-$port.conf" --dir "$STATE_DIR/$port" \
      --save '' --appendonly no --daemonize yes \
      --pidfile "$STATE_DIR/$port/redis.pid" --logfile "$STATE_DIR/$port/redis.log" ||
      die "redis-server failed to start on $port (see $STATE_DIR/$port/redis.log)"
  done
  for port in "${PORTS[@]}"; do wait_until "node $port to answer PING" 100 node_answers "$port"; done

  local addresses=()
  for port in "${PORTS[@]}"; do addresses+=("127.0.0.1:$port"); done
  redis-cli --cluster create "${addresses[@]}" --cluster-replicas 0 --cluster-yes >&2 ||
    die "redis-cli --cluster create failed"
  wait_until "the cluster to converge" 300 cluster_converged
  local joined
  joined="$(IFS=,; printf '%s' "${addresses[*]}")"
  log "cluster ready: $joined"
  printf 'CLUSTER_NODES=%s\n' "$joined"
}

case "${1:-}" in
  start) start_nodes ;;
  stop) stop_nodes ;;
  *) die "usage: $0 start|stop" ;;
esac
