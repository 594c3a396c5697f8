#!/usr/bin/env bash
# One GET route, several builds of debrief, the same seeded database, one run:
#   bench/compare-get.sh PATH DEBRIEF_BINARY...     e.g. "/api/v1/incidents?limit=200"
# env: INCIDENTS=1000 ITEMS=20 DURATION=10s CONNECTIONS=16 ROUNDS=2
# Per binary and round: requests/s, p50/p99 (ms), and the server's CPU time per request (ms),
# read from /proc before and after: the cost of the route itself, whatever the machine's load.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
INCIDENTS=${INCIDENTS:-1000}
ITEMS=${ITEMS:-20}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18193}
path=${1:?path}
shift
[ $# -gt 0 ] || set -- "$BUILD_DIR/src/server/debrief"

work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
token=$("$BUILD_DIR/bench/seed_load_data" "$work/seed.db" "$INCIDENTS" "$ITEMS")
path=${path//\{key\}/INC-2026-$(printf '%04d' $((INCIDENTS / 2)))}
cat > "$work/report.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
function done(summary, latency, requests)
  io.write(string.format("RESULT %d %.0f %.3f %.3f %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status))
end
LUA
ticks=$(getconf CLK_TCK)
for round in $(seq "$ROUNDS"); do
  for binary in "$@"; do
    rm -f "$work"/run.db*
    sqlite3 "$work/seed.db" ".backup '$work/run.db'"
    "$binary" serve --db "$work/run.db" --listen "127.0.0.1:$PORT" > /dev/null 2>&1 &
    server=$!
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.1; done
    curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT$path" > /dev/null  # warm
    before=$(awk '{print $14 + $15}' "/proc/$server/stat")
    read -r _ requests rps p50 p99 non2xx < <(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" \
      -s "$work/report.lua" "http://127.0.0.1:$PORT$path" | grep RESULT)
    after=$(awk '{print $14 + $15}' "/proc/$server/stat")
    kill "$server"; wait "$server" 2>/dev/null || true
    cpu=$(awk -v t=$((after - before)) -v r="$requests" -v h="$ticks" 'BEGIN { printf "%.3f", 1000 * t / h / r }')
    printf 'round %s  %-36s rps=%s p50=%s p99=%s cpu_ms_per_request=%s non2xx=%s\n' \
      "$round" "$binary" "$rps" "$p50" "$p99" "$cpu" "$non2xx"
  done
done
