#!/usr/bin/env bash
# All tests, from a fresh clone: install, type-check, lint, formatting, then jest against the real MariaDB.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
npx tsc -p tsconfig.json --noEmit
npx eslint .
npx prettier --check "**/*.{ts,js,mjs,json}"
npx jest --ci "$@"
