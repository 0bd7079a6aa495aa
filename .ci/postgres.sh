#!/usr/bin/env bash
# Start or stop a private PostgreSQL cluster on 127.0.0.1:55432 (Debian's packages),
# with a vuosikello role and database. Usage: .ci/postgres.sh start|stop DATADIR
set -euo pipefail
action=$1
dir=${2:-/tmp/vuosikello-pg}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PORT=${PGPORT_CI:-55432}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
start)
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "$PGBIN/initdb" -D "$dir" -U postgres -A trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_pg "$PGBIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start
  psql="psql -h 127.0.0.1 -p $PORT -U postgres -v ON_ERROR_STOP=1 -qtA"
  $psql -c "SELECT 1 FROM pg_roles WHERE rolname='vuosikello'" | grep -q 1 \
    || $psql -c "CREATE ROLE vuosikello LOGIN PASSWORD 'vuosikello' CREATEDB"
  $psql -c "SELECT 1 FROM pg_database WHERE datname='vuosikello'" | grep -q 1 \
    || $psql -c "CREATE DATABASE vuosikello OWNER vuosikello"
  echo "PostgreSQL ready on 127.0.0.1:$PORT"
  ;;
stop)
  [ -f "$dir/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$dir" -m fast stop >/dev/null || true
  ;;
esac
