#!/usr/bin/env bash
# `npm test`: every test, on a fresh machine. Static checks (derived schema,
# types, ESLint, Prettier); unit tests; integration tests on
# SQLite and again on PostgreSQL; the production build; browser tests in
# Debian's Chromium. Ends with one line: "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

bash scripts/ensure-system-packages.sh
[ -x node_modules/.bin/vitest ] || npm ci --no-audit --no-fund

reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT

echo "== Static checks"
node_modules/.bin/tsx scripts/derive-postgres-schema.ts --check
node_modules/.bin/tsc --noEmit
npm run --silent lint
npm run --silent format:check

echo "== Unit and integration tests (SQLite)"
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest-sqlite.json"

echo "== Integration tests (PostgreSQL)"
bash scripts/with-postgres.sh node_modules/.bin/vitest run --project integration \
  --reporter=default --reporter=json --outputFile.json="$reports/vitest-postgresql.json"

echo "== Build"
node_modules/.bin/next build

echo "== Browser tests (Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" node_modules/.bin/playwright test --reporter=list,json

node_modules/.bin/tsx scripts/summarize-test-reports.ts "$reports"
