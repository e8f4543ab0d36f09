#!/usr/bin/env bash
# Runs every test: type-check, portal build, unit, integration (real Kafka and PostgreSQL), end-to-end (services as separate
# processes; the portal in Debian's Chromium) and the fault suite (services, the broker and the database crashed mid-burst).
# Starts PostgreSQL and the project's Kafka broker when they are not running.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
ensure_test_tools
ensure_postgres
ensure_kafka

step "type-check (tsc, once: services and libraries, then the portal's web pages)"
npx tsc -p tsconfig.json
npx tsc -p apps/portal/web/tsconfig.json

step "portal web build (Vite; the browser tests use it)"
npm run -s build:portal

step "services compiled to JavaScript once (SWC), so that each start in the tests does not transpile them again"
npm run -s build:services
export YL_SERVICES_JS=.run/services

step "tests (jest: unit, integration, e2e)"
# Each run's service logs start empty, so the personal-data scan below covers this run only.
rm -rf .run/test-logs
mkdir -p .run
status=0
npx jest --runInBand --json --outputFile=.run/jest-results.json "$@" || status=$?
node -e '
  const r = require("./.run/jest-results.json");
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("no tests ran"); process.exit(1); }
' || status=1
step "fault suite (${FAULT_BURST:-300} referrals per fault; then its self-check: failures planted by hand must be reported)"
node -r @swc-node/register test/faults/faults.ts "${FAULT_BURST:-300}" || status=1
node -r @swc-node/register test/faults/faults.ts --self-check || status=1

step "benchmark, smoke run (a few seconds per phase, so it cannot rot)"
node -r @swc-node/register bench/run.ts --smoke || status=1

step "personal-data scan of every service log this run wrote (tests, fault suite, benchmark)"
# Logs written since this script started ($SECONDS ago): .run/test-logs (emptied above) and the benchmark's .run/bench.
node -r @swc-node/register scripts/scan-logs.ts --since "$(( ($(date +%s) - SECONDS - 1) * 1000 ))" .run/test-logs .run/bench || status=1

# Last, so that it is at the end of the output: what the services of each failed jest suite logged.
if ! node -e 'const r = require("./.run/jest-results.json"); process.exit(r.numFailedTests || r.numFailedTestSuites ? 1 : 0)'; then
  step "service logs of the failed suites (warnings, errors, consumer group events)"
  node -r @swc-node/register scripts/failure-logs.ts .run/jest-results.json .run/test-logs || true
fi
exit $status
