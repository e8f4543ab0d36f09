#!/usr/bin/env bash
# Runs a TypeScript command against the real stack: starts PostgreSQL and the Kafka broker when they are not
# running, and compiles the services the command starts. Usage: scripts/with-stack.sh <file.ts> [args] (npm run test:faults,
# ew:evaluate and bench use it).
# Then scans the service logs written during the command (scripts/scan-logs.ts: .run/test-logs for the platforms of
# the fault suite and the benchmark, .run/bench for its naive pair, .run/ew-evaluate for the evaluation) for ID and
# phone numbers however written; a finding fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_postgres
ensure_kafka
# The services run as a deployment runs them (docker/Dockerfile: compiled JavaScript), not transpiled at every start.
step "services compiled to JavaScript once (SWC)"
npm run -s build:services
export YL_SERVICES_JS=.run/services
started=$(date +%s%3N)
status=0
node -r @swc-node/register "$@" || status=$?
step "personal-data scan of the logs written during $1"
node -r @swc-node/register scripts/scan-logs.ts --since "$started" .run/test-logs .run/bench .run/ew-evaluate || { [ "$status" -ne 0 ] || status=1; }
exit "$status"
