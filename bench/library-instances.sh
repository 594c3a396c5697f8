#!/usr/bin/env bash
# The library on PostgreSQL at REVIEWS published reviews (default 100,000): starts a PostgreSQL
# cluster of its own on a Unix socket, seeds the reviews there with bench/seed_library (through
# the Store, as publishing writes them), then
#   1. build/bench/library_instances_bench: a new instance's cold index build, and how long after
#      another instance publishes a review the first one's next search finds it;
#   2. bench/library-load.sh against a server on that database (wrk, c=16: p50/p99).
# Usage: bench/library-instances.sh   (env: REVIEWS=100000 DURATION=20s)
set -euo pipefail
cd "$(dirname "$0")/.."
REVIEWS=${REVIEWS:-100000}
bin=$(pg_config --bindir)
folder=/tmp/debrief-bench-lib-$$
trap 'bash tests/support/postgres_cluster.sh stop "$folder" "$bin"' EXIT
bash tests/support/postgres_cluster.sh start "$folder" "$bin"
psql -h "$folder" -U debrief -d postgres -qc "CREATE DATABASE library"
url="postgresql://debrief@/library?host=$folder"
echo "== seeding $REVIEWS published reviews into PostgreSQL"
start=$(date +%s%N)
token=$(build/bench/seed_library "$url" "$REVIEWS")
echo "   seeded in $(( ($(date +%s%N) - start) / 1000000 )) ms"
DEBRIEF_BENCH_POSTGRES="host=$folder user=debrief dbname=library" build/bench/library_instances_bench
DB="$url" TOKEN="$token" bench/library-load.sh
