#!/usr/bin/env bash
# npm run bench [-- --smoke] — the benchmark on the real broker and database (starts them if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_postgres
ensure_kafka
exec node -r @swc-node/register bench/run.ts "$@"
