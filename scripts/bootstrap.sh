#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: npm packages (exact, from the lock file), MariaDB
# (OpenMRS), PostgreSQL 15 (iDART) and nginx.
set -euo pipefail
cd "$(dirname "$0")/.."
# Carbon's packages start IBM's telemetry in the background at install: it only waits on a closed network.
export IBM_TELEMETRY_DISABLED=true
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx tsx packages/db/src/cli.ts install
npx tsx packages/idart-bridge/src/postgres/cli.ts install
# Debian's nginx (and its brotli modules): the distro's gateway, run as is by the demo and the tests
npx tsx packages/gateway/src/cli.ts install-nginx
