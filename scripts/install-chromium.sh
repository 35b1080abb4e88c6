#!/usr/bin/env bash
# Installs Debian's chromium for the e2e specs (playwright-core drives /usr/bin/chromium; no browser
# download). Idempotent: does nothing when it is already installed. As root it runs apt-get; otherwise it
# prints the exact command and exits 1.
set -euo pipefail
CHROMIUM="${POC_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
COMMAND="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium"
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is missing ($CHROMIUM). Install it as root with:" >&2
  echo "  sudo sh -c '$COMMAND'" >&2
  exit 1
fi
echo "Installing Debian's chromium (for the e2e specs)…"
sh -c "$COMMAND"
