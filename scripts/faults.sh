#!/usr/bin/env bash
# npm run test:faults [-- <burst size>] — the fault suite on the real stack (starts PostgreSQL and the broker if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_postgres
ensure_kafka
exec node -r @swc-node/register test/faults/faults.ts "$@"
