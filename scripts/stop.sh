#!/usr/bin/env bash
# Stops the services started by scripts/start.sh; with --all also the Kafka broker.
set -uo pipefail
cd "$(dirname "$0")/.."
for pidfile in .run/*.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile"); svc=$(basename "$pidfile" .pid)
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "stopped $svc"
  fi
  rm -f "$pidfile"
done
[ "${1:-}" = "--all" ] && scripts/kafka.sh stop
exit 0
