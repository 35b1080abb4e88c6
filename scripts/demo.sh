#!/usr/bin/env bash
# The demo: from a fresh clone, install what is missing, start MariaDB and build the demo facility once.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
npx tsx packages/db/src/cli.ts start
DB=facility_1100407
if npx tsx packages/db/src/cli.ts status | grep -q "\"$DB\""; then
  echo "$DB exists (npm run generate -- --size demo --replace rebuilds it)"
else
  npx tsx packages/data-generator/src/cli.ts --facility 1100407 --size demo --db "$DB"
fi
echo "Demo facility database: $(npx tsx packages/db/src/cli.ts url $DB)"
