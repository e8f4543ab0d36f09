# Shared shell helpers for the project's scripts.
step() { printf '\n== %s\n' "$*"; }

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return; fi
  step "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return; sleep 1; done
  echo "PostgreSQL did not start" >&2; exit 1
}

ensure_kafka() {
  local broker=${KAFKA_BROKERS:-127.0.0.1:9092}
  if node scripts/kafka/ready.js "${broker%%,*}" 2>/dev/null; then return; fi
  step "starting Kafka (KRaft, from Maven Central jars)"
  scripts/kafka.sh start
}
