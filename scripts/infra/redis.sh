#!/usr/bin/env bash
# A Redis for local runs and tests, without Docker.
#
#   scripts/infra/redis.sh ensure               print REDIS_URL=... on stdout, starting a Redis if needed:
#       1. $REDIS_URL if set (checked with `redis-cli -u ... PING` when redis-cli exists);
#       2. else redis://127.0.0.1:$REDIS_DEFAULT_PORT (6379) if it answers PING;
#       3. else a redis-server this script started earlier, if it still answers;
#       4. else start one (installing Debian's redis-server if missing and we are root) on the
#          first free port in $REDIS_PORT_MIN..$REDIS_PORT_MAX (16379..16399), no persistence.
#   scripts/infra/redis.sh stop                 stop every redis-server this script started (only those)
#   scripts/infra/redis.sh start-server-at PORT start (and record) a redis-server on PORT; no-op if ours runs there
#   scripts/infra/redis.sh stop-server-at PORT  stop the redis-server on PORT, only if this script started it
#   scripts/infra/redis.sh status               list the servers this script started
#
# State lives in <repo>/.infra/redis/: started/<port> (one file per server we started, holding
# its pid), redis-<port>.pid, redis-<port>.log. Only REDIS_URL=... goes to stdout.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
HOME_DIR="$ROOT/.infra/redis"
STARTED_DIR="$HOME_DIR/started"
LOCK="$HOME_DIR/.lock"

REDIS_DEFAULT_PORT="${REDIS_DEFAULT_PORT:-6379}"
REDIS_PORT_MIN="${REDIS_PORT_MIN:-16379}"
REDIS_PORT_MAX="${REDIS_PORT_MAX:-16399}"

log() { printf 'redis.sh: %s\n' "$*" >&2; }
die() { printf 'redis.sh: ERROR: %s\n' "$*" >&2; exit 1; }

valid_port() { [[ "$1" =~ ^[0-9]+$ ]] && (($1 > 0 && $1 < 65536)); }

# 0 if a Redis on 127.0.0.1:$1 answers PING with PONG (no redis-cli needed).
# shellcheck disable=SC2016 # the inner script expands $1 itself
ping_port() {
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "PING\r\n" >&3
    IFS= read -r -t 2 line <&3 || exit 1
    [[ "$line" == "+PONG"* ]]' _ "$1" 2>/dev/null
}

# 0 if anything accepts TCP connections on 127.0.0.1:$1.
# shellcheck disable=SC2016 # the inner script expands $1 itself
port_open() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

ensure_binary() {
  command -v redis-server >/dev/null 2>&1 && return 0
  if [[ "$(id -u)" != 0 ]]; then
    die "redis-server not found and not root: install it (Debian: apt-get install redis-server) or set REDIS_URL"
  fi
  command -v apt-get >/dev/null 2>&1 || die "redis-server not found and no apt-get: install Redis or set REDIS_URL"
  log "redis-server not found; installing Debian's redis-server package"
  { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server; } >&2 ||
    die "apt-get install redis-server failed"
  command -v redis-server >/dev/null 2>&1 || die "redis-server still not on PATH after installing it"
}

# Prints the pid of the redis-server we started on port $1 if it is alive.
our_pid_at() {
  local port="$1" pid
  [[ -f "$STARTED_DIR/$port" ]] || return 1
  pid="$(cat "$STARTED_DIR/$port" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "redis-server" || return 1
  echo "$pid"
}

start_at() {
  local port="$1" pidfile i pid
  valid_port "$port" || die "not a port: $port"
  if our_pid_at "$port" >/dev/null && ping_port "$port"; then
    log "our redis-server already runs on port $port"
    return 0
  fi
  port_open "$port" && die "port $port is already in use by a server this script did not start"
  ensure_binary
  pidfile="$HOME_DIR/redis-$port.pid"
  rm -f "$pidfile"
  redis-server --port "$port" --bind 127.0.0.1 --protected-mode yes \
    --daemonize yes --pidfile "$pidfile" --logfile "$HOME_DIR/redis-$port.log" \
    --dir "$HOME_DIR" --dbfilename "dump-$port.rdb" --save "" --appendonly no >&2 9>&- ||
    die "redis-server failed to start on port $port (see $HOME_DIR/redis-$port.log)"
  for ((i = 0; i < 100; i++)); do
    if [[ -s "$pidfile" ]] && ping_port "$port"; then
      pid="$(cat "$pidfile")"
      echo "$pid" >"$STARTED_DIR/$port"
      log "started redis-server on port $port (pid $pid)"
      return 0
    fi
    sleep 0.1
  done
  die "redis-server on port $port did not answer PING within 10 s; last log lines:
$(tail -n 20 "$HOME_DIR/redis-$port.log" 2>/dev/null)"
}

stop_at() {
  local port="$1" pid i
  valid_port "$port" || die "not a port: $port"
  if [[ ! -f "$STARTED_DIR/$port" ]]; then
    die "no redis-server started by this script on port $port; refusing to stop it"
  fi
  if pid="$(our_pid_at "$port")"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "redis-server pid $pid still alive after 10 s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped redis-server on port $port (pid $pid)"
  else
    log "redis-server on port $port was not running any more"
  fi
  rm -f "$STARTED_DIR/$port" "$HOME_DIR/redis-$port.pid"
}

started_ports() {
  local f
  for f in "$STARTED_DIR"/*; do
    [[ -f "$f" ]] && basename "$f"
  done
  return 0
}

do_ensure() {
  local port
  if [[ -n "${REDIS_URL:-}" ]]; then
    if command -v redis-cli >/dev/null 2>&1; then
      [[ "$(redis-cli -u "$REDIS_URL" --no-auth-warning PING 2>&1)" == PONG ]] ||
        die "REDIS_URL=$REDIS_URL does not answer PING"
    else
      log "redis-cli not found; using REDIS_URL=$REDIS_URL unchecked"
    fi
    echo "REDIS_URL=$REDIS_URL"
    return 0
  fi
  if ping_port "$REDIS_DEFAULT_PORT"; then
    log "using the Redis already answering on 127.0.0.1:$REDIS_DEFAULT_PORT"
    echo "REDIS_URL=redis://127.0.0.1:$REDIS_DEFAULT_PORT"
    return 0
  fi
  for port in $(started_ports); do
    if our_pid_at "$port" >/dev/null && ping_port "$port"; then
      log "using the redis-server this script started earlier on port $port"
      echo "REDIS_URL=redis://127.0.0.1:$port"
      return 0
    fi
    rm -f "$STARTED_DIR/$port" # stale record
  done
  ensure_binary
  # Where the package's own service started on installing, use it like any Redis already there.
  if ping_port "$REDIS_DEFAULT_PORT"; then
    log "using the Redis now answering on 127.0.0.1:$REDIS_DEFAULT_PORT"
    echo "REDIS_URL=redis://127.0.0.1:$REDIS_DEFAULT_PORT"
    return 0
  fi
  for ((port = REDIS_PORT_MIN; port <= REDIS_PORT_MAX; port++)); do
    port_open "$port" && continue
    start_at "$port"
    echo "REDIS_URL=redis://127.0.0.1:$port"
    return 0
  done
  die "no free port in $REDIS_PORT_MIN..$REDIS_PORT_MAX for redis-server"
}

do_stop() {
  local port any=0
  for port in $(started_ports); do
    any=1
    stop_at "$port"
  done
  ((any)) || log "no redis-server started by this script is recorded; nothing to stop"
}

do_status() {
  local port pid any=0
  for port in $(started_ports); do
    if pid="$(our_pid_at "$port")"; then
      any=1
      log "running: redis://127.0.0.1:$port (pid $pid, started by this script)"
    fi
  done
  ((any)) && return 0
  log "no redis-server started by this script is running"
  return 3
}

usage() {
  sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

main() {
  local cmd="${1:-}"
  [[ -n "$cmd" ]] || usage
  mkdir -p "$STARTED_DIR"
  exec 9>"$LOCK"
  flock -w 300 9 || die "another redis.sh has held $LOCK for 5 minutes"
  case "$cmd" in
    ensure) do_ensure ;;
    stop) do_stop ;;
    status) do_status ;;
    start-server-at)
      [[ $# -ge 2 ]] || usage
      start_at "$2"
      echo "REDIS_URL=redis://127.0.0.1:$2"
      ;;
    stop-server-at)
      [[ $# -ge 2 ]] || usage
      stop_at "$2"
      ;;
    -h | --help | help) usage ;;
    *) log "unknown command: $cmd"; usage ;;
  esac
}

main "$@"
