#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS server for the tests of the shared (PostgreSQL) targets store.
#   eval "$(bash dev/pg_test_server.sh start)"   # exports FG_TEST_PG_DSN
#   bash dev/pg_test_server.sh stop
# Runs on 127.0.0.1:54329 from a data folder in /tmp, as user postgres when started by root.
set -euo pipefail
PORT=54329
DATA=/tmp/fg-pg-test
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$BIN" ] || { echo "echo 'PostgreSQL binaries not found' >&2"; exit 1; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
start)
  if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    rm -rf "$DATA"; mkdir -p "$DATA"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DATA"
    as_pg "$BIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
      -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1" start >/dev/null
    as_pg "$BIN/createdb" -h 127.0.0.1 -p $PORT -U postgres fg_test
    as_pg "$BIN/psql" -q -h 127.0.0.1 -p $PORT -U postgres -d fg_test -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  fi
  echo "export FG_TEST_PG_DSN='host=127.0.0.1 port=$PORT dbname=fg_test user=postgres'"
  ;;
stop)
  as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
