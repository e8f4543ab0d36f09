#!/usr/bin/env bash
# Runs a TypeScript command against the real stack: starts PostgreSQL and the Kafka broker when they are not
# running. Usage: scripts/with-stack.sh <file.ts> [args] (npm run test:faults, ew:evaluate and bench use it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_postgres
ensure_kafka
exec node -r @swc-node/register "$@"
