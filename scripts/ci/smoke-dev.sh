#!/usr/bin/env bash
# Starts `npm run dev` on a fresh data directory, waits (at most 90 s) for /health to report
# the database ok, checks /openapi.json and /docs, then stops it with SIGINT like Ctrl-C.
set -euo pipefail
export PORT="${SMOKE_PORT:-18787}" DEV_DB_PORT="${SMOKE_DB_PORT:-18791}" DEV_DB_PROXY_PORT="${SMOKE_PROXY_PORT:-18792}"
export UPSTASH_STANDIN_PORT="${SMOKE_UPSTASH_PORT:-18793}"
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
rm -f "$jar"
echo "dev smoke test passed"
