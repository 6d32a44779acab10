#!/usr/bin/env bash
# Prints the URL of a PostgreSQL server for the test suite: the machine's own on
# 127.0.0.1:5432 when it answers, else a throwaway cluster started from the installed binaries
# (as the postgres user: initdb refuses root). `stop` removes the throwaway cluster.
# CI_PG_THROWAWAY=1 forces the throwaway cluster (to test this path).
set -euo pipefail
dir=/tmp/aniforge-ci-pg
port=55432

answers() { node -e 'const s=require("net").connect(+process.argv[1],"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1))' "$1"; }

case "${1:-start}" in
  start)
    if [ -z "${CI_PG_THROWAWAY:-}" ] && answers 5432; then echo "postgres://postgres@127.0.0.1:5432/postgres"; exit 0; fi
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [ -x "$bin/initdb" ] || exit 1
    id postgres >/dev/null 2>&1 || exit 1
    rm -rf "$dir" && mkdir -p "$dir" && chown postgres "$dir"
    runuser -u postgres -- "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
      runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true
      rm -rf "$dir"
    fi
    ;;
esac
