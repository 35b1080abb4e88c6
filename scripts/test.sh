#!/usr/bin/env bash
# All tests, from a fresh clone: install (npm packages, MariaDB, Chromium, the backup tools), type-check,
# lint, formatting, then jest against the real MariaDB (the e2e specs drive Chromium through the demo stack).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/install-chromium.sh
npx tsx packages/ops/src/cli.ts install
# The SPA and our apps are built once here, not inside the first e2e spec's time limit.
npx tsx packages/gateway/src/cli.ts build
npx tsc -p tsconfig.json --noEmit
npx eslint .
npx prettier --check "**/*.{ts,tsx,js,mjs,json}"
npx jest --ci "$@"
