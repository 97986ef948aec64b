#!/usr/bin/env bash
# `npm start`: the whole set-up of the embedded default in one command.
# Installs the npm packages if missing, builds the portal once, then serves it
# on PORT (default 3000). Migrations and the local keys happen as the server
# starts (instrumentation.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -x node_modules/.bin/next ]; then
  echo "Installing npm packages (first start)…"
  npm ci --no-audit --no-fund
fi
if [ ! -f .next/BUILD_ID ]; then
  echo "Building the portal (first start)…"
  node_modules/.bin/next build
fi
# Our own server in front of Next's handler: it records the client's address
# from the socket (TRUST_PROXY_HOPS), which `next start` cannot.
exec node_modules/.bin/tsx --conditions=react-server scripts/server.ts
