#!/bin/bash
# Entry point of the backend image: JVM settings, then the image's own startup.sh.
set -euo pipefail
source /openmrs/poc-setenv.sh

# startup.sh copies the image's modules into the data volume but does not empty it first
# (its rm pattern is quoted, so the glob never expands). Without this, an upgrade would leave
# the old .omod next to the new one and OpenMRS could load either.
shopt -s nullglob
stale=(/openmrs/data/modules/*.omod)
[ ${#stale[@]} -eq 0 ] || rm -f "${stale[@]}"

exec /openmrs/startup.sh
