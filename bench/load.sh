#!/usr/bin/env bash
# Load benchmark for the HTTP API, on loopback, in one run so the figures compare:
#   1. seeds INCIDENTS incidents with ITEMS timeline items each (bench/seed_load_data);
#   2. starts `debrief serve` on a free port;
#   3. runs wrk (c=32, DURATION each) against /healthz, GET /incidents/{key},
#      GET /incidents/{key}/timeline (served from the cache, and built anew every time),
#      GET /incidents?q=..., POST /incidents/{key}/events;
#   4. checks that every acknowledged POST is stored, and reports the server's RSS.
# Usage: bench/load.sh  (env: INCIDENTS=10000 ITEMS=50 DURATION=10s CONNECTIONS=32 THREADS=2
#        DB=postgres: the same on a durable PostgreSQL cluster of its own, on a Unix socket)
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
INCIDENTS=${INCIDENTS:-10000}
ITEMS=${ITEMS:-50}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18181}

work=$(mktemp -d)
cleanup() {
  kill "${server:-0}" 2>/dev/null || true
  if [ -n "${pg_folder:-}" ]; then
    wait "${server:-0}" 2>/dev/null || true
    bash tests/support/postgres_cluster.sh stop "$pg_folder" "$(pg_config --bindir)"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
db="$work/load.db"
if [ "${DB:-}" = postgres ]; then
  pg_folder=/tmp/debrief-load-pg-$$
  DURABLE=1 bash tests/support/postgres_cluster.sh start "$pg_folder" "$(pg_config --bindir)"
  psql -h "$pg_folder" -U debrief -d postgres -qc "CREATE DATABASE load"
  db="postgresql://debrief@/load?host=$pg_folder"
fi

echo "== seeding $INCIDENTS incidents x $ITEMS items"
start=$(date +%s%N)
token=$("$BUILD_DIR/bench/seed_load_data" "$db" "$INCIDENTS" "$ITEMS")
echo "   seeded in $(( ($(date +%s%N) - start) / 1000000 )) ms"

"$BUILD_DIR/src/server/debrief" serve --db "$db" --listen "127.0.0.1:$PORT" > "$work/access.log" 2> "$work/serve.err" &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.1; done

key="INC-2026-$(printf '%04d' $((INCIDENTS / 2)))"
base="http://127.0.0.1:$PORT"

# wrk script that adds the bearer token, and for POST a JSON body; it prints p50/p99 and counts
# of 2xx and other responses.
cat > "$work/report.lua" <<LUA
local method = os.getenv("WRK_METHOD") or "GET"
local body = os.getenv("WRK_BODY")
wrk.method = method
wrk.headers["Authorization"] = "Bearer $token"
if body then
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = body
end
-- WRK_VARY=1 cycles gap_minutes over 1..1440, more keys than the timeline cache holds, so every
-- request builds the timeline from the database: the uncached cost.
local vary = os.getenv("WRK_VARY")
local counter = 0
function request()
  if vary then
    counter = counter % 1440 + 1
    return wrk.format(nil, wrk.path .. "?gap_minutes=" .. counter)
  end
  return wrk.format()
end
local ok, bad = 0, 0
function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
LUA

run() {
  local name=$1 url=$2
  local line
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$work/report.lua" "$url" | grep RESULT)
  printf '%-28s %s\n' "$name" "${line#RESULT }"
  echo "$line" | sed -E 's/.*rps=([0-9]+).*/\1/' > "$work/$name.rps"
}

echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION on loopback"
run healthz "$base/healthz"
run incident "$base/api/v1/incidents/$key"
run timeline "$base/api/v1/incidents/$key/timeline"
WRK_VARY=1 run timeline_uncached "$base/api/v1/incidents/$key/timeline"
run search "$base/api/v1/incidents?q=region%203&limit=20"
count_events() {
  local sql="SELECT count(*) FROM timeline_events JOIN incidents ON incidents.id = incident_id WHERE key = '$key'"
  if [ -n "${pg_folder:-}" ]; then
    psql -h "$pg_folder" -U debrief -d load -tAc "$sql"
  else
    sqlite3 "$db" "$sql"
  fi
}
before=$(count_events)
WRK_METHOD=POST WRK_BODY='{"at":"2026-03-14T10:00:00Z","kind":"other","text":"load test event"}' \
  run post_event "$base/api/v1/incidents/$key/events"
# Counted once requests still in flight when wrk stopped are answered (the access log is flushed
# once a second): counted at once, a write acknowledged a moment later read as lost.
sleep 1.5
after=$(count_events)
acknowledged=$(grep -c '"route":"/api/v1/incidents/{key}/events","status":201' "$work/access.log" || true)

rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
healthz=$(cat "$work/healthz.rps")
echo "== ratios to /healthz (same run)"
for name in incident timeline timeline_uncached search post_event; do
  awk -v n="$name" -v r="$(cat "$work/$name.rps")" -v h="$healthz" \
    'BEGIN { printf "%-28s %.1f%%\n", n, 100 * r / h }'
done
echo "== writes: $acknowledged acknowledged with 201, $((after - before)) new events stored"
echo "== server RSS after the run: $((rss_kib / 1024)) MiB"
[ "$((after - before))" -ge "$acknowledged" ] || { echo "LOST WRITES"; exit 1; }
