#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (`npm run test:browser`) when it is missing.
# Browser downloads by test tools do not work offline; the distribution's package does.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  echo "chromium: $("$chromium" --version 2>/dev/null | head -1)"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y --no-install-recommends chromium; then
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends chromium
fi
echo "chromium: $("$chromium" --version 2>/dev/null | head -1)"
