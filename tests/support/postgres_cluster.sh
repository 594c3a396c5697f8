#!/usr/bin/env bash
# The PostgreSQL cluster the tests use, as a CTest fixture: `start` makes a new one in FOLDER
# (initdb, then pg_ctl) listening on a Unix socket in FOLDER only — no TCP port — and `stop` takes
# it down again and removes FOLDER, also after tests that crashed. initdb refuses to run as root,
# so as root the cluster runs as `nobody`.
#   postgres_cluster.sh start|stop FOLDER POSTGRES_BIN_FOLDER
# DURABLE=1 keeps PostgreSQL's defaults for durability (benchmarks); the tests turn them off.
set -euo pipefail

action=${1:?start or stop}
folder=${2:?the folder of the cluster}
bin=${3:?the bin folder of PostgreSQL, pg_config --bindir}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

stop() {
  if [ -f "$folder/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
}

case $action in
  start)
    stop  # A cluster an earlier run left behind.
    rm -rf "$folder"
    mkdir -p "$folder"
    [ "$(id -u)" != 0 ] || chown nobody:nogroup "$folder"
    if ! as_owner "$bin/initdb" -D "$folder/data" -A trust -U debrief -E UTF8 --locale=C \
      --no-sync >"$folder/initdb.log" 2>&1; then
      cat "$folder/initdb.log" >&2
      exit 1
    fi
    # Durability is not what the tests measure: fsync off keeps them fast.
    durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${DURABLE:-0}" != 1 ] || durability=""
    if ! as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$folder' $durability \
          -c max_connections=200" \
      start >/dev/null; then
      cat "$folder/server.log" >&2
      exit 1
    fi
    echo "PostgreSQL cluster on $folder"
    ;;
  stop)
    stop
    rm -rf "$folder"
    ;;
  *)
    echo "usage: $0 start|stop FOLDER BIN" >&2
    exit 2
    ;;
esac
