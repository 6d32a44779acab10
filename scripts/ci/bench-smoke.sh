#!/usr/bin/env bash
# CI: proves `npm run bench:seed` and `npm run bench` still run end to end against a PostgreSQL
# server: seeds a scratch database (the full 1M works, about a minute), runs every group for one
# short round, and drops the database. No --check: three seconds per case say nothing about the
# ratios; the real run is `npm run bench:seed && npm run bench -- --check` (docs/benchmarks.md).
# Usage: bench-smoke.sh <postgres server URL>
set -euo pipefail
server="$1"
url="${server%/*}/aniforge_bench_ci_$$"
drop() { psql_url="${server}" node -e '
  const pg = require("pg"); const c = new pg.Client({ connectionString: process.env.psql_url });
  c.connect().then(() => c.query(`drop database if exists "${process.argv[1]}" with (force)`))
    .finally(() => c.end());' "${url##*/}"; }
trap drop EXIT
DATABASE_URL="$url" npm run bench:seed
# Three seconds a case (two to warm up): on a slow shared VM a one-second window can close
# before the hot-user spends, serialised on one ledger lock, answer a single request.
DATABASE_URL="$url" npm run bench -- --rounds 1 --seconds 3 --warmup 2
