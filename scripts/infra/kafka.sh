#!/usr/bin/env bash
# A local single-node Kafka broker (KRaft, combined broker+controller) without Docker.
#
#   scripts/infra/kafka.sh start     fetch jars if needed, format storage once, start, wait until ready;
#                                    prints KAFKA_BROKERS=127.0.0.1:<port> on stdout
#   scripts/infra/kafka.sh stop      SIGTERM, wait up to $KAFKA_STOP_TIMEOUT s (30), then SIGKILL
#                                    (KAFKA_STOP_TIMEOUT=0 simulates a crash: SIGKILL at once)
#   scripts/infra/kafka.sh restart   stop + start (data kept)
#   scripts/infra/kafka.sh reset     stop + delete the data dir (jars kept)
#   scripts/infra/kafka.sh status    exit 0 if our broker is running, 3 if not
#   scripts/infra/kafka.sh fetch     only build the classpath folder (.infra/kafka/libs)
#
# Environment (all optional):
#   KAFKA_PORT=19092  KAFKA_CONTROLLER_PORT=19093  KAFKA_HEAP_OPTS=-Xmx512m
#   KAFKA_SCRAM_PORT=19094  KAFKA_SCRAM_USER=pipeline  KAFKA_SCRAM_PASSWORD=pipeline-scram-secret
#     (a SASL_PLAINTEXT listener with SCRAM-SHA-256/512; the user is created at format time, so a
#     storage formatted by an older version of this script needs `reset` first)
#   KAFKA_TLS_PORT=19095
#     (an SSL listener with a certificate for 127.0.0.1 signed by a throwaway CA made on first start,
#     .infra/kafka/tls/ca.pem, for the TLS integration tests; a broker started by an older version
#     of this script has no such listener until `restart`)
#   KAFKA_MESSAGE_MAX_BYTES=1048588  KAFKA_READY_TIMEOUT_MS=90000  KAFKA_STOP_TIMEOUT=30
#   KAFKA_LOG_LEVEL=INFO  JAVA_HOME (else `java` on PATH)
#
# Everything lives under <repo>/.infra/kafka/ (libs/, data/, server.properties, broker.log,
# broker.pid, tls/). Only stdout lines ever printed: KAFKA_BROKERS=..., and for a broker this script
# runs KAFKA_SCRAM_BROKERS=..., KAFKA_TLS_BROKERS=... and KAFKA_TLS_CA_FILE=... (by start); the rest
# goes to stderr.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
POM="$SCRIPT_DIR/kafka/pom.xml"
READY_JS="$SCRIPT_DIR/kafka-ready.mjs"

HOME_DIR="$ROOT/.infra/kafka"
LIBS="$HOME_DIR/libs"
LIBS_MARKER="$LIBS/.complete"
DATA="$HOME_DIR/data"
CONF="$HOME_DIR/server.properties"
LOG4J_CONF="$HOME_DIR/log4j2.properties"
LOG="$HOME_DIR/broker.log"
PIDFILE="$HOME_DIR/broker.pid"
LOCK="$HOME_DIR/.lock"
TLS_DIR="$HOME_DIR/tls"

KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
# SASL_PLAINTEXT listener with SCRAM-SHA-256/512 and one user, for the SASL integration tests. Test
# credentials of a local broker only; a real deployment's come from its own secret store.
KAFKA_SCRAM_PORT="${KAFKA_SCRAM_PORT:-19094}"
KAFKA_SCRAM_USER="${KAFKA_SCRAM_USER:-pipeline}"
KAFKA_SCRAM_PASSWORD="${KAFKA_SCRAM_PASSWORD:-pipeline-scram-secret}"
# SSL listener for the TLS integration tests; its CA and certificate are test material of a local
# broker only.
KAFKA_TLS_PORT="${KAFKA_TLS_PORT:-19095}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m}"
KAFKA_MESSAGE_MAX_BYTES="${KAFKA_MESSAGE_MAX_BYTES:-1048588}"
KAFKA_READY_TIMEOUT_MS="${KAFKA_READY_TIMEOUT_MS:-90000}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_LOG_LEVEL="${KAFKA_LOG_LEVEL:-INFO}"
BROKERS="127.0.0.1:$KAFKA_PORT"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

log() { printf 'kafka.sh: %s\n' "$*" >&2; }
die() { printf 'kafka.sh: ERROR: %s\n' "$*" >&2; exit 1; }

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    echo "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    command -v java
  else
    die "java not found (Kafka 4.x needs Java 17+): install openjdk-17-jre-headless or set JAVA_HOME"
  fi
}

check_java() {
  local java major
  java="$(java_bin)"
  major="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  major="${major#1.}"
  [[ "$major" =~ ^[0-9]+$ ]] || die "cannot tell the version of $java"
  ((major >= 17)) || die "$java is Java $major; the Kafka broker needs Java 17+ (set JAVA_HOME)"
}

# 0 if something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# Prints the pid of the broker this script started, if it is alive; returns 1 otherwise.
our_pid() {
  local pid
  [[ -f "$PIDFILE" ]] || return 1
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against pid reuse: it must be a JVM running kafka.Kafka with our config.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "kafka.Kafka $CONF" || return 1
  echo "$pid"
}

# The client port in the config the running broker was started with.
conf_port() {
  sed -n 's|^advertised.listeners=PLAINTEXT://127.0.0.1:\([0-9]*\).*|\1|p' "$CONF" 2>/dev/null || true
}

wait_ready() { # [extra args for kafka-ready.mjs]
  [[ -f "$READY_JS" ]] || die "missing $READY_JS"
  command -v node >/dev/null 2>&1 || die "node not found (needed for the readiness check)"
  node "$READY_JS" --brokers "$BROKERS" --log "$LOG" "$@"
}

# Builds .infra/kafka/libs from the pom, unless it is already complete for this pom.
fetch_jars() {
  local hash tmp
  hash="$(sha256sum "$POM" | cut -d' ' -f1)"
  if [[ -f "$LIBS_MARKER" && "$(cat "$LIBS_MARKER")" == "$hash" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven (Debian package: maven)"
  log "fetching the Kafka broker classpath with Maven into $LIBS ..."
  tmp="$HOME_DIR/libs.tmp.$$"
  rm -rf "$tmp"
  # (sed: even -B -q Maven 3.8 prints bare ANSI reset codes)
  if ! mvn -q -B --no-transfer-progress -Dstyle.color=never -f "$POM" "$DEP_PLUGIN:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2; then
    rm -rf "$tmp"
    die "Maven could not fetch the Kafka jars (see the output above)"
  fi
  ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || { rm -rf "$tmp"; die "no kafka_2.13 jar in $tmp"; }
  echo "$hash" >"$tmp/.complete"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  log "classpath ready: $(find "$LIBS" -name '*.jar' | wc -l) jars"
}

write_config() {
  cat >"$CONF" <<EOF
# Written by scripts/infra/kafka.sh on every start; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SCRAM_PORT,SSL://127.0.0.1:$KAFKA_TLS_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SCRAM_PORT,SSL://127.0.0.1:$KAFKA_TLS_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL
# A second listener that authenticates with SCRAM, for testing the clients' SASL settings; its
# users are created when the storage is formatted (format --add-scram).
sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
# A third listener that speaks TLS (server authentication only), for testing the clients' TLS
# settings: a PEM key and certificate for 127.0.0.1, signed by the CA in $TLS_DIR/ca.pem.
ssl.keystore.type=PEM
ssl.keystore.location=$TLS_DIR/broker-keystore.pem
ssl.client.auth=none

log.dirs=$DATA
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true
message.max.bytes=$KAFKA_MESSAGE_MAX_BYTES

# Single node: every internal topic has replication factor 1.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# Fast tests: no wait before the first rebalance of a new group.
group.initial.rebalance.delay.ms=0
# After an unclean stop (SIGKILL) the restarted broker cannot register until the old
# registration's session expires (default 9 s); shorter here, with some margin for GC stalls.
broker.session.timeout.ms=6000
broker.heartbeat.interval.ms=1000

# Small footprint for a test broker.
num.network.threads=2
num.io.threads=4
log.cleaner.dedupe.buffer.size=16777216
# The compacted profile changelog: the cleaner looks for dirty segments every second (15 s by
# default), so tests see compaction quickly. Production brokers keep their own setting.
log.cleaner.backoff.ms=1000
EOF

  cat >"$LOG4J_CONF" <<EOF
# Written by scripts/infra/kafka.sh (log4j2, used through log4j-slf4j-impl).
status = warn
# Console only, nothing to flush; avoids a warning when a logger is first used during shutdown.
shutdownHook = disable
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = $KAFKA_LOG_LEVEL
rootLogger.appenderRef.out.ref = OUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
EOF
}

# A throwaway CA and a broker certificate for 127.0.0.1 / localhost, made once (kept with the jars).
ensure_tls_material() {
  local tmp
  if [[ -f "$TLS_DIR/broker-keystore.pem" && -f "$TLS_DIR/ca.pem" ]]; then
    return 0
  fi
  if ! command -v openssl >/dev/null 2>&1; then
    [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1 ||
      die "openssl not found and cannot install it: install Debian's openssl package"
    log "openssl not found; installing Debian's openssl package"
    { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssl; } >&2 ||
      die "apt-get install openssl failed"
  fi
  tmp="$TLS_DIR.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! {
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=customer-journey-pipeline test CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout "$tmp/ca.key" -out "$tmp/ca.pem" &&
      openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$tmp/broker.key" -out "$tmp/broker.csr" &&
      printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$tmp/broker.ext" &&
      openssl x509 -req -days 3650 -in "$tmp/broker.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" \
        -CAcreateserial -extfile "$tmp/broker.ext" -out "$tmp/broker.pem" &&
      openssl pkcs8 -topk8 -nocrypt -in "$tmp/broker.key" -out "$tmp/broker.pk8"
  } >>"$LOG" 2>&1; then
    rm -rf "$tmp"
    die "making the test TLS certificates failed; see $LOG"
  fi
  # Kafka's PEM keystore: the unencrypted PKCS#8 key, then the certificate chain.
  cat "$tmp/broker.pk8" "$tmp/broker.pem" >"$tmp/broker-keystore.pem"
  rm -f "$tmp/ca.key" "$tmp/broker.key" "$tmp/broker.csr" "$tmp/ca.srl"
  rm -rf "$TLS_DIR"
  mv "$tmp" "$TLS_DIR"
}

format_storage() {
  local java cid
  if [[ -f "$DATA/meta.properties" ]]; then
    return 0
  fi
  java="$(java_bin)"
  mkdir -p "$DATA"
  # Same shape as `StorageTool random-uuid` (16 random bytes, base64url, no padding) without
  # paying for another JVM start; like Kafka's Uuid.randomUuid, never starting with '-'.
  cid="-"
  while [[ "$cid" == -* ]]; do
    cid="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  log "formatting $DATA with cluster id $cid"
  "$java" -cp "$LIBS/*" -Dlog4j2.configurationFile="$LOG4J_CONF" kafka.tools.StorageTool \
    format -t "$cid" -c "$CONF" --ignore-formatted \
    --add-scram "SCRAM-SHA-256=[name=$KAFKA_SCRAM_USER,password=$KAFKA_SCRAM_PASSWORD]" \
    --add-scram "SCRAM-SHA-512=[name=$KAFKA_SCRAM_USER,password=$KAFKA_SCRAM_PASSWORD]" >>"$LOG" 2>&1 ||
    die "formatting the storage failed; last lines of $LOG:
$(tail -n 20 "$LOG")"
}

do_start() {
  local pid java t0 t1
  mkdir -p "$HOME_DIR"
  if pid="$(our_pid)"; then
    local running_port
    running_port="$(conf_port)"
    if [[ -n "$running_port" && "$running_port" != "$KAFKA_PORT" ]]; then
      die "our broker is already running on port $running_port (pid $pid), not $KAFKA_PORT: run \`$0 stop\` first or unset KAFKA_PORT"
    fi
    log "broker already running (pid $pid); checking it answers"
    wait_ready --pid "$pid" --timeout-ms "$KAFKA_READY_TIMEOUT_MS" || die "broker pid $pid does not answer on $BROKERS"
    echo "KAFKA_BROKERS=$BROKERS"
    echo "KAFKA_SCRAM_BROKERS=127.0.0.1:$KAFKA_SCRAM_PORT"
    echo "KAFKA_TLS_BROKERS=127.0.0.1:$KAFKA_TLS_PORT"
    echo "KAFKA_TLS_CA_FILE=$TLS_DIR/ca.pem"
    return 0
  fi
  rm -f "$PIDFILE"
  if port_open "$KAFKA_PORT"; then
    if wait_ready --once 2>/dev/null; then
      log "a Kafka broker not started by this script already answers on $BROKERS; using it"
      echo "KAFKA_BROKERS=$BROKERS"
      return 0
    fi
    die "port $KAFKA_PORT is in use by something that is not a working Kafka broker (set KAFKA_PORT)"
  fi
  if port_open "$KAFKA_CONTROLLER_PORT"; then
    die "controller port $KAFKA_CONTROLLER_PORT is already in use (set KAFKA_CONTROLLER_PORT)"
  fi

  check_java
  fetch_jars
  ensure_tls_material
  write_config
  format_storage

  java="$(java_bin)"
  t0="$(date +%s%N)"
  {
    printf '\n===== %s kafka.sh start (port %s, controller %s) =====\n' \
      "$(date -u +%FT%TZ)" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
  } >>"$LOG"
  # setsid: the broker must outlive the shell (and process group) that started it.
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of JVM flags
  setsid "$java" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J_CONF" \
    -cp "$LIBS/*" kafka.Kafka "$CONF" </dev/null >>"$LOG" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$PIDFILE"
  log "broker starting (pid $pid, log $LOG); waiting until it answers on $BROKERS"
  if ! wait_ready --pid "$pid" --timeout-ms "$KAFKA_READY_TIMEOUT_MS"; then
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$PIDFILE"
    die "the broker did not become ready (stopped it)"
  fi
  t1="$(date +%s%N)"
  log "broker ready in $(((t1 - t0) / 1000000)) ms"
  echo "KAFKA_BROKERS=$BROKERS"
  echo "KAFKA_SCRAM_BROKERS=127.0.0.1:$KAFKA_SCRAM_PORT"
  echo "KAFKA_TLS_BROKERS=127.0.0.1:$KAFKA_TLS_PORT"
  echo "KAFKA_TLS_CA_FILE=$TLS_DIR/ca.pem"
}

do_stop() {
  local pid i
  if ! pid="$(our_pid)"; then
    rm -f "$PIDFILE"
    log "broker not running"
    return 0
  fi
  log "stopping broker (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < KAFKA_STOP_TIMEOUT * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "broker still alive after ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$PIDFILE"
  log "broker stopped"
}

do_status() {
  local pid
  if pid="$(our_pid)"; then
    log "running (pid $pid) on 127.0.0.1:$(conf_port)"
    return 0
  fi
  log "not running"
  return 3
}

do_reset() {
  do_stop
  rm -rf "$DATA"
  rm -f "$LOG"
  log "data deleted ($DATA); jars kept"
}

usage() {
  sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

main() {
  local cmd="${1:-}"
  [[ -n "$cmd" ]] || usage
  mkdir -p "$HOME_DIR"
  # One kafka.sh at a time (parallel test workers may all call `start`).
  exec 9>"$LOCK"
  flock -w 600 9 || die "another kafka.sh has held $LOCK for 10 minutes"
  case "$cmd" in
    start) do_start ;;
    stop) do_stop ;;
    restart) do_stop && do_start ;;
    reset) do_reset ;;
    status) do_status ;;
    fetch) check_java && fetch_jars ;;
    -h | --help | help) usage ;;
    *) log "unknown command: $cmd"; usage ;;
  esac
}

main "$@"
