#!/usr/bin/env bash
# Downloads the modules listed in distro.properties, following the OpenMRS SDK's rules:
#   omod.<id>=<version>  ->  <groupId, default org.openmrs.module>:<id>-omod:<version>:<type, default jar>
# and saves each as <id>-<version>.omod, the name OpenMRS loads.
# war.openmrs is not downloaded: the openmrs/openmrs-core base image already holds that war.
#
#   fetch-modules.sh --print distro.properties        list "coordinates file" lines, download nothing
#   fetch-modules.sh distro.properties <modules dir>  download with Maven (settings.xml next to this script)
set -euo pipefail

print_only=false
if [ "${1:-}" = "--print" ]; then print_only=true; shift; fi
props=${1:?usage: fetch-modules.sh [--print] distro.properties [modules dir]}

declare -A value=()
order=()
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  case $line in '' | '#'* | '!'*) continue ;; esac
  key=${line%%=*}
  key=${key//[[:space:]]/}
  [ -n "${value[$key]+set}" ] && { echo "duplicate key $key in $props" >&2; exit 1; }
  value[$key]=${line#*=}
  order+=("$key")
done <"$props"

lines=()
for key in "${order[@]}"; do
  case $key in
    name | version | war.openmrs) ;;
    omod.*.groupId | omod.*.type | omod.*.artifactId) ;;
    omod.*)
      id=${key#omod.}
      version=${value[$key]}
      group=${value[$key.groupId]:-org.openmrs.module}
      artifact=${value[$key.artifactId]:-$id-omod}
      type=${value[$key.type]:-jar}
      lines+=("$group:$artifact:$version:$type $id-$version.omod")
      ;;
    *) echo "unsupported key $key in $props (this distribution ships modules only)" >&2; exit 1 ;;
  esac
done

if $print_only; then
  printf '%s\n' "${lines[@]}"
  exit 0
fi

out=${2:?usage: fetch-modules.sh distro.properties <modules dir>}
settings="$(cd "$(dirname "$0")" && pwd)/maven-settings.xml"
mkdir -p "$out"
for entry in "${lines[@]}"; do
  coords=${entry% *}
  file=${entry#* }
  tmp=$(mktemp -d)
  # --strict-checksums: a corrupted or tampered download fails the build
  mvn -B -q -s "$settings" --strict-checksums \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="$coords" -DoutputDirectory="$tmp"
  mv "$tmp"/* "$out/$file"
  rmdir "$tmp"
  echo "$coords -> $file"
done
