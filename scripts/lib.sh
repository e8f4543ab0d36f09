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

# What the browser and report tests need, from Debian's packages (never a browser download): Chromium, a Chinese font, poppler.
ensure_test_tools() {
  if command -v chromium >/dev/null && command -v pdftoppm >/dev/null && fc-list :lang=zh 2>/dev/null | grep -q .; then return; fi
  step "installing Chromium, a Chinese font and poppler (Debian's packages)"
  local pkgs="chromium fonts-wqy-microhei poppler-utils" sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y --no-install-recommends $pkgs >/dev/null 2>&1 \
    || { $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends $pkgs; } \
    || { echo "could not install $pkgs: install them and run again" >&2; exit 1; }
}

ensure_node_modules() {
  [ -d node_modules ] || { step "npm ci"; npm ci --no-audit --no-fund; }
}
