#!/usr/bin/env bash
# npm run ew:evaluate — starts PostgreSQL and the broker when they are not running, then scores early warning.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_postgres
ensure_kafka
exec node -r @swc-node/register scripts/ew-evaluate.ts "$@"
