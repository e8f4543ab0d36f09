#!/usr/bin/env bash
# Apache Kafka (KRaft, one combined node) from Maven Central jars, for development, tests and the demo.
#   scripts/kafka.sh start | stop | restart | status | fetch | kill | reset   (kill: SIGKILL, a crash, for the fault suite)
# The cache (jars, data, logs) lives in .cache/kafka, ignored by git; second runs reuse it.
# Clients authenticate (SASL SCRAM-SHA-512) as one principal per service, made when the storage is formatted; their
# passwords are in .cache/kafka/credentials.json (mode 600). The standard authorizer allows nothing without an ACL; the
# platform's ACLs are granted per topic prefix (scripts/kafka/grant.ts; the test platform grants its own).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cache=${KAFKA_CACHE:-$root/.cache/kafka}
port=${KAFKA_PORT:-9092}
ctl_port=${KAFKA_CONTROLLER_PORT:-9093}
heap=${KAFKA_HEAP:-512m}
lib=$cache/lib
data=$cache/data
logs=$cache/logs
props=$cache/server.properties
pidfile=$cache/broker.pid
credentials=$cache/credentials.json
PRINCIPALS="admin legal-aid labor-inspection arbitration court union early-warning command work-injury public-security"

log() { echo "[kafka] $*" >&2; }

fetch() {
  if [ -f "$lib/.complete" ] && cmp -s "$here/kafka/pom.xml" "$lib/.complete"; then return; fi
  log "resolving Kafka jars from Maven Central into $lib"
  rm -rf "$lib"; mkdir -p "$lib"
  mvn -q -B -f "$here/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$lib" -DincludeScope=runtime
  cp "$here/kafka/pom.xml" "$lib/.complete"
}

# A password per principal, made once (kept across restarts; a reset makes new ones).
write_credentials() {
  mkdir -p "$cache"
  local json="{" sep="" p
  [ -f "$credentials" ] && return_if_complete && return
  for p in $PRINCIPALS; do
    local pw; pw=$([ -f "$credentials" ] && password_of "$p" | grep -v '^undefined$' || true)
    json+="$sep\"$p\": \"${pw:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}\""; sep=", "
  done
  (umask 077; echo "$json}" > "$credentials.new" && mv "$credentials.new" "$credentials")
}

# Every principal has a password already (a service added since the credentials were made gets one, the others keep theirs).
return_if_complete() {
  local p
  for p in $PRINCIPALS; do [ "$(password_of "$p")" != undefined ] || return 1; done
}

# Principals added to the platform after the storage was formatted: their SCRAM credentials, through the running broker.
add_missing_principals() {
  local p admin_cfg="$cache/admin-client.properties"
  (umask 077; printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="%s";\n' "$(password_of admin)" > "$admin_cfg")
  for p in $PRINCIPALS; do
    grep -qx "$p" "$data/.scram" 2>/dev/null && continue
    log "adding the SCRAM principal $p"
    java_cmd org.apache.kafka.tools.ConfigCommand --bootstrap-server "127.0.0.1:$port" --command-config "$admin_cfg" --alter \
      --add-config "SCRAM-SHA-512=[password=$(password_of "$p")]" --entity-type users --entity-name "$p" >>"$logs/scram.log" 2>&1 \
      || { tail -n 20 "$logs/scram.log" >&2; exit 1; }
    echo "$p" >> "$data/.scram"
  done
}

password_of() { node -e 'console.log(require(process.argv[1])[process.argv[2]])' "$credentials" "$1"; }

write_props() {
  mkdir -p "$data" "$logs"
  local admin_pw; admin_pw=$(password_of admin)
  (umask 077; cat > "$props" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$ctl_port
listeners=SASL_PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$ctl_port
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_pw";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin_pw" user_admin="$admin_pw";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin
log.dirs=$data
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
log.retention.hours=168
PROPS
  )
}

java_args=(-Xms128m -Xmx"$heap" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$here/kafka/log4j2.properties" -Dkafka.logs.dir="$logs" -cp "$lib/*")
java_cmd() { java "${java_args[@]}" "$@"; }

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

start() {
  fetch
  if running; then log "already running (pid $(cat "$pidfile"))"; return; fi
  if port_open; then log "port $port already in use by another process"; exit 1; fi
  write_credentials
  write_props
  if [ -f "$data/meta.properties" ] && [ ! -f "$data/.scram" ]; then
    log "storage was formatted without SCRAM principals: formatting it anew (development data is lost)"
    rm -rf "$data" "$logs"; mkdir -p "$data" "$logs"
  fi
  if [ ! -f "$data/meta.properties" ]; then
    log "formatting KRaft storage with a SCRAM principal per service"
    local scram=()
    for p in $PRINCIPALS; do scram+=(--add-scram "SCRAM-SHA-512=[name=$p,password=$(password_of "$p")]"); done
    java_cmd kafka.tools.StorageTool format --standalone -g -t "$(java_cmd kafka.tools.StorageTool random-uuid)" \
      -c "$props" "${scram[@]}" >"$logs/format.log" 2>&1 || { cat "$logs/format.log" >&2; exit 1; }
    printf '%s\n' $PRINCIPALS > "$data/.scram"
  fi
  log "starting broker on 127.0.0.1:$port"
  nohup java "${java_args[@]}" kafka.Kafka "$props" >"$logs/stdout.log" 2>&1 &
  echo $! > "$pidfile"
  wait_ready
  add_missing_principals
}

wait_ready() {
  local deadline=$((SECONDS + ${KAFKA_START_TIMEOUT:-90}))
  until port_open; do
    running || { log "broker exited; last lines of its log:"; tail -n 20 "$logs/server.log" "$logs/stdout.log" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { log "broker did not open port $port in time"; exit 1; }
    sleep 0.5
  done
  # An open port is not enough: wait until a metadata request succeeds.
  until KAFKA_CREDENTIALS="$credentials" node "$here/kafka/ready.js" "127.0.0.1:$port" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { log "broker did not answer metadata requests in time"; exit 1; }
    sleep 0.5
  done
  log "ready (pid $(cat "$pidfile"))"
}

stop() {
  if ! running; then log "not running"; rm -f "$pidfile"; return; fi
  local pid; pid=$(cat "$pidfile")
  log "stopping broker (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "still running after 30 s, killing"; kill -KILL "$pid"; fi
  rm -f "$pidfile"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if running; then echo "running (pid $(cat "$pidfile"))"; else echo "stopped"; exit 1; fi ;;
  # A crash: SIGKILL, no controlled shutdown; returns once the process is gone (the next start recovers the logs).
  kill) if running; then pid=$(cat "$pidfile"); kill -KILL "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; fi; rm -f "$pidfile" ;;
  reset) stop; rm -rf "$data" "$logs" "$credentials" ;;
  *) echo "usage: $0 start|stop|restart|status|fetch|kill|reset" >&2; exit 2 ;;
esac
