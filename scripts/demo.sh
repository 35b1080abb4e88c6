#!/usr/bin/env bash
# The demo from a fresh clone: install what is missing, then scripts/demo.ts does the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec npx tsx scripts/demo.ts
