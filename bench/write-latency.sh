#!/usr/bin/env bash
# Write latency tail: POST /incidents/{key}/events at c=16 while 4 readers GET the incident, for
# one or more builds of debrief on copies of the same seeded database, one after the other:
#   bench/write-latency.sh [DEBRIEF_BINARY...]   (default: build/src/server/debrief)
# env: INCIDENTS=1000 ITEMS=20 DURATION=20s WRITERS=16 READERS=4
#      SERVER_CPUS=0 CLIENT_CPUS=1 (taskset lists) keep the server and wrk off each other's cores
# Each binary's line: writes/s, write p50/p99/p99.9 as wrk saw them, read p99, the WAL's largest
# size, and the server's own time for the writes (p99 and max of the access log's duration_ms):
# on a machine with fewer cores than busy threads, wrk's figures include waiting for a core.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
INCIDENTS=${INCIDENTS:-1000}
ITEMS=${ITEMS:-20}
DURATION=${DURATION:-20s}
WRITERS=${WRITERS:-16}
READERS=${READERS:-4}
PORT=${PORT:-18191}
binaries=("$@")
[ ${#binaries[@]} -gt 0 ] || binaries=("$BUILD_DIR/src/server/debrief")

work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
token=$("$BUILD_DIR/bench/seed_load_data" "$work/seed.db" "$INCIDENTS" "$ITEMS")
key="INC-2026-$(printf '%04d' $((INCIDENTS / 2)))"
base="http://127.0.0.1:$PORT"
server_pin=${SERVER_CPUS:+taskset -c $SERVER_CPUS}
client_pin=${CLIENT_CPUS:+taskset -c $CLIENT_CPUS}

cat > "$work/report.lua" <<LUA
wrk.method = os.getenv("WRK_METHOD") or "GET"
wrk.headers["Authorization"] = "Bearer $token"
if os.getenv("WRK_BODY") then
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = os.getenv("WRK_BODY")
end
function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50=%.2f p99=%.2f p999=%.2f errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout +
    summary.errors.status))
end
LUA

printf '%-40s %s\n' "binary" "writes/s  write p50/p99/p99.9 ms  read p99 ms  largest WAL"
for binary in "${binaries[@]}"; do
  rm -f "$work"/run.db*
  sqlite3 "$work/seed.db" ".backup '$work/run.db'"
  $server_pin "$binary" serve --db "$work/run.db" --listen "127.0.0.1:$PORT" > "$work/access.log" 2> "$work/serve.err" &
  server=$!
  for _ in $(seq 50); do curl -sf "$base/healthz" > /dev/null && break; sleep 0.1; done
  wal_max=0
  ( while kill -0 "$server" 2>/dev/null; do stat -c %s "$work/run.db-wal" 2>/dev/null; sleep 0.05; done ) \
    > "$work/wal.sizes" &
  watcher=$!
  $client_pin wrk -t1 -c"$READERS" -d"$DURATION" -s "$work/report.lua" "$base/api/v1/incidents/$key" \
    | grep RESULT > "$work/read.out" &
  reader=$!
  WRK_METHOD=POST WRK_BODY='{"at":"2026-03-14T10:00:00Z","kind":"other","text":"write latency"}' \
    $client_pin wrk -t1 -c"$WRITERS" -d"$DURATION" -s "$work/report.lua" "$base/api/v1/incidents/$key/events" \
    | grep RESULT > "$work/write.out"
  wait "$reader"
  kill "$server"; wait "$server" 2>/dev/null || true
  wait "$watcher" 2>/dev/null || true
  wal_max=$(sort -n "$work/wal.sizes" | tail -1)
  write=$(sed 's/RESULT //' "$work/write.out")
  read_p99=$(sed -E 's/.*p99=([0-9.]+).*/\1/' "$work/read.out")
  served=$(grep '"route":"/api/v1/incidents/{key}/events"' "$work/access.log" |
    sed -E 's/.*"duration_ms":([0-9.eE+-]+).*/\1/' | sort -g |
    awk '{ v[NR] = $1 } END { printf "server_p99=%.2f server_max=%.2f", v[int(NR * 0.99)], v[NR] }')
  printf '%-40s %s  read_p99=%s  wal_max=%s MiB  %s\n' "$binary" "$write" "$read_p99" \
    "$(( ${wal_max:-0} / 1048576 ))" "$served"
done
