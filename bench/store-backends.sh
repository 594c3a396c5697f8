#!/usr/bin/env bash
# The store on SQLite and on PostgreSQL in one run (bench/store_backends_bench.cc): starts a
# durable PostgreSQL cluster of its own on a Unix socket (fsync and synchronous commit on, the
# server's defaults), runs the benchmark against it and a SQLite file, then measures the peak RSS
# of debrief's side of a 1,000,000-event import on each, and stops the cluster.
# Usage: bench/store-backends.sh   (env: FILTER=. to pass --benchmark_filter)
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=build/bench/store_backends_bench
[ -x "$BENCH" ] || { echo "build first: make build" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
bin=$(pg_config --bindir)
folder=/tmp/debrief-bench-pg-$$
trap 'bash tests/support/postgres_cluster.sh stop "$folder" "$bin"' EXIT
DURABLE=1 bash tests/support/postgres_cluster.sh start "$folder" "$bin"
export DEBRIEF_BENCH_POSTGRES="host=$folder user=debrief dbname=postgres"
"$BENCH" --benchmark_filter="${FILTER:-.}"
for backend in 0 1; do
  /usr/bin/time -f "peak RSS of debrief importing 1,000,000 events ($([ $backend = 0 ] && echo sqlite || echo postgres)): %M KiB" \
    "$BENCH" --benchmark_filter="BM_Import/$backend/1000000" >/dev/null
done
