#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (`npm run test:browser`) when it is missing,
# and a small CJK font (WenQuanYi Micro Hei, 1.6 MB: Chinese and Japanese kana) so the ja/zh
# screenshots show text, not boxes. Browser downloads by test tools do not work offline; the
# distribution's packages do.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
packages=()
[ -x "$chromium" ] || packages+=(chromium)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || packages+=(fonts-wqy-microhei)
if [ "${#packages[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo apt-get install -y --no-install-recommends "${packages[@]}"; then
    $sudo apt-get update
    $sudo apt-get install -y --no-install-recommends "${packages[@]}"
  fi
fi
echo "chromium: $("$chromium" --version 2>/dev/null | head -1)"
