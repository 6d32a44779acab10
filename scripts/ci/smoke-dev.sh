#!/usr/bin/env bash
# Starts `npm run dev` on a fresh data directory, waits (at most 90 s) for /health to report
# the database ok, checks /openapi.json and /docs, then stops it with SIGINT like Ctrl-C.
set -euo pipefail
export PORT="${SMOKE_PORT:-18787}" DEV_DB_PORT="${SMOKE_DB_PORT:-18791}" DEV_DB_PROXY_PORT="${SMOKE_PROXY_PORT:-18792}"
export UPSTASH_STANDIN_PORT="${SMOKE_UPSTASH_PORT:-18793}" KIE_STANDIN_PORT="${SMOKE_KIE_PORT:-18794}"
export STRIPE_STANDIN_PORT="${SMOKE_STRIPE_PORT:-18795}"
# A data directory of its own, so running CI in a working tree never touches .data/.
export DEV_DATA_DIR="$(mktemp -d)"
log=$(mktemp)
setsid npm run dev >"$log" 2>&1 &
pid=$!
cleanup() { kill -INT -- "-$pid" 2>/dev/null || true; sleep 3; kill -KILL -- "-$pid" 2>/dev/null || true; rm -rf "$DEV_DATA_DIR"; }
trap cleanup EXIT
base="http://127.0.0.1:$PORT"
started=$(date +%s)
until curl -fsS "$base/health" 2>/dev/null | grep -q '"database":{"ok":true'; do
  if [ $(( $(date +%s) - started )) -gt 90 ] || ! kill -0 "$pid" 2>/dev/null; then
    echo "npm run dev did not become healthy:"; cat "$log"; exit 1
  fi
  sleep 1
done
echo "healthy after $(( $(date +%s) - started )) s"
curl -fsS "$base/openapi.json" | grep -q '"openapi":"3.1.0"'
curl -fsS "$base/docs" | grep -q swagger-ui
curl -fsS -o /dev/null "$base/docs/assets/swagger-ui-bundle.js"
# The daily cron by hand (the README's walkthrough): its chunk loads and its jobs run.
curl -fsS "$base/__scheduled?cron=17+3+*+*+*" | grep -q "Ran scheduled event"
grep -q "creator@aniforge.local" "$log"
grep -q "upstash        http://127.0.0.1:$UPSTASH_STANDIN_PORT" "$log"
# The seeded creator signs in with curl and reads /api/me (the README's walkthrough).
jar=$(mktemp)
curl -fsS -c "$jar" -H 'content-type: application/json' \
  -d '{"email":"creator@aniforge.local","password":"aniforge-dev-password"}' \
  "$base/api/auth/sign-in/email" >/dev/null
curl -fsS -b "$jar" "$base/api/me" | grep -q '"email":"creator@aniforge.local"'
# ...and checks in for today's reward (a second run of the smoke test finds it already done).
curl -fsS -b "$jar" -X POST -H 'origin: http://127.0.0.1:8787' "$base/api/incentives/check-in" |
  grep -q '"date":"'
curl -fsS -b "$jar" "$base/api/credits/history?type=check_in" | grep -q '"type":"check_in"'
# ...and generates an image and a video: KieAI stand-in → signed callback → queue → R2 → /media.
generate() { # <request body> <expected media type>
  created=$(curl -fsS -b "$jar" -H 'origin: http://127.0.0.1:8787' -H 'content-type: application/json' \
    -d "$1" "$base/api/generations")
  status_url=$(echo "$created" | sed -n 's/.*"statusUrl":"\([^"]*\)".*/\1/p')
  [ -n "$status_url" ] || { echo "create failed: $created"; exit 1; }
  for _ in $(seq 1 60); do
    status=$(curl -fsS -b "$jar" "$base$status_url")
    echo "$status" | grep -q '"status":"\(succeeded\|failed\)"' && break
    sleep 0.5
  done
  echo "$status" | grep -q '"status":"succeeded"' || { echo "generation did not succeed: $status"; cat "$log"; exit 1; }
  media=$(echo "$status" | sed -n 's/.*"url":"\(\/media\/[^"]*\)".*/\1/p')
  curl -fsS -b "$jar" -o /dev/null -w '%{content_type}' "$base$media" | grep -q "$2"
  echo "generated $media"
}
generate '{"type":"image","model":"z-image","prompt":"a paper lantern at dusk"}' 'image/png'
generate '{"type":"video","model":"runway","prompt":"lanterns drifting over a river"}' 'video/mp4'
# A player seeks with byte ranges.
[ "$(curl -fsS -b "$jar" -o /dev/null -w '%{http_code}' -H 'range: bytes=0-99' "$base$media")" = 206 ] ||
  { echo "no range support on $media"; exit 1; }
echo "$status" | grep -q '"posterUrl":"/media/' || { echo "video without its poster: $status"; exit 1; }
# ...publishes the video: a signed-out visitor finds it in the gallery; the creator likes it.
video=$(echo "$status" | sed -n 's/.*"videos":\[{"uuid":"\([^"]*\)".*/\1/p')
curl -fsS -b "$jar" -X PATCH -H 'origin: http://127.0.0.1:8787' -H 'content-type: application/json' \
  -d '{"visibility":"public"}' "$base/api/artworks/video/$video" >/dev/null
curl -fsS "$base/api/community/artworks?type=video" | grep -q "\"uuid\":\"$video\"" ||
  { echo "published video $video not in the gallery"; exit 1; }
curl -fsS -b "$jar" -X POST -H 'origin: http://127.0.0.1:8787' \
  "$base/api/community/artworks/video/$video/like" | grep -q '"likeCount":1' ||
  { echo "like of $video did not count"; exit 1; }
echo "published $video to the gallery and liked it"
# ...and buys a credit pack: checkout → the stand-in completes it → signed webhook → +300.
balance() { curl -fsS -b "$jar" "$base/api/credits" | sed -n 's/.*"balance":\([0-9]*\).*/\1/p'; }
before=$(balance)
session=$(curl -fsS -b "$jar" -H 'origin: http://127.0.0.1:8787' -H 'content-type: application/json' \
  -d '{"planId":"pack-starter"}' "$base/api/billing/checkout" | sed -n 's/.*"sessionId":"\([^"]*\)".*/\1/p')
[ -n "$session" ] || { echo "checkout failed"; cat "$log"; exit 1; }
curl -fsS -X POST "http://127.0.0.1:$STRIPE_STANDIN_PORT/_control/checkout_sessions/$session/complete" >/dev/null
for _ in $(seq 1 40); do [ "$(balance)" = "$((before + 300))" ] && break; sleep 0.5; done
[ "$(balance)" = "$((before + 300))" ] || { echo "pack credits did not arrive: $(balance) (was $before)"; cat "$log"; exit 1; }
echo "bought a pack: $before → $(balance) credits"
# ...and the seeded admin sees that sale in today's revenue and the month's profit.
admin_jar=$(mktemp)
curl -fsS -c "$admin_jar" -H 'content-type: application/json' \
  -d '{"email":"admin@aniforge.local","password":"aniforge-dev-password"}' \
  "$base/api/auth/sign-in/email" >/dev/null
today=$(date -u +%F)
revenue=$(curl -fsS -b "$admin_jar" "$base/api/admin/revenue/daily?from=$today&to=$today&currency=usd")
echo "$revenue" | grep -q '"revenue":[1-9]' || { echo "the sale is not in today's revenue: $revenue"; exit 1; }
curl -fsS -b "$admin_jar" "$base/api/admin/profit?currency=usd&format=csv" | grep -q 'month,currency,revenue,costs,profit' ||
  { echo "no profit CSV"; exit 1; }
echo "admin sees today's revenue: $revenue"
rm -f "$jar" "$admin_jar"
echo "dev smoke test passed"
