#!/usr/bin/env bash
# Soak: mixed load on one server for a long time, with heavy requests now and then, and what it
# did to memory, errors and writes:
#   bench/soak.sh        (env: DURATION=30m WARMUP=120 CONNECTIONS=16 BUILD_DIR=build GROW=0)
# - wrk cycles through what people do: the incident page and its timeline, the incident list, a
#   search, and a new event (one request in five writes); each new event is deleted again by the
#   next request of its thread, so the data stays the same size and RSS growth means the server,
#   not the data (GROW=1 keeps every event instead: the incident's timeline grows all along);
# - every 20 s, one heavy request of each kind: an HTML export, a 1 MB lint, a sign-in;
# - RSS is sampled every 10 s: growth is measured from the end of the warm-up to the end;
# - afterwards every write acknowledged with 201 in the access log must be in the database.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
DURATION=${DURATION:-30m}
WARMUP=${WARMUP:-120}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-18195}
work=$(mktemp -d)
trap 'kill "${server:-0}" "${heavy:-0}" "${sampler:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/soak.db"
base="http://127.0.0.1:$PORT"

token=$("$BUILD_DIR/bench/seed_load_data" "$db" 1000 20)
echo "soak passphrase long enough" | "$BUILD_DIR/src/server/debrief" user add --db "$db" \
  --email soak@example.com --name Soak --role member --password-stdin >/dev/null
"$BUILD_DIR/src/server/debrief" serve --db "$db" --listen "127.0.0.1:$PORT" >"$work/access.log" 2>"$work/serve.err" &
server=$!
for _ in $(seq 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
key="INC-2026-0500"

( while kill -0 "$server" 2>/dev/null; do
    echo "$(date +%s) $(awk '/VmRSS/ {print $2}' "/proc/$server/status")"
    sleep 10
  done ) >"$work/rss.log" &
sampler=$!

awk 'BEGIN { for (i = 0; i < 1900; i++) printf "The operator simply restarted the service at step %d and it obviously should have worked. ", i }' \
  | jq -Rs '{text: .}' >"$work/lint.json"
( while kill -0 "$server" 2>/dev/null; do
    for request in export lint signin; do
      case $request in
        export) code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
                  "$base/api/v1/incidents/$key/export?format=html") ;;
        lint) code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
                -H 'Content-Type: application/json' --data-binary @"$work/lint.json" "$base/api/v1/lint") ;;
        signin) code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
                  -d '{"email":"soak@example.com","password":"soak passphrase long enough"}' \
                  "$base/api/v1/session") ;;
      esac
      echo "$request $code"
    done
    sleep 20
  done ) >"$work/heavy.log" &
heavy=$!

cat >"$work/mix.lua" <<LUA
local requests = {
  {"GET", "/api/v1/incidents/$key/page"},
  {"GET", "/api/v1/incidents/$key/timeline"},
  {"GET", "/api/v1/incidents?limit=50"},
  {"GET", "/api/v1/incidents?q=region%203&limit=20"},
  {"POST", "/api/v1/incidents/$key/events"},
}
local next_request = 0
local headers = { ["Authorization"] = "Bearer $token", ["Content-Type"] = "application/json" }
local delete_headers = { ["Authorization"] = "Bearer $token", ["If-Match"] = "1" }
local body = '{"at":"2026-03-14T10:00:00Z","kind":"other","text":"soak event"}'
local grow = ${GROW:-0} == 1
local to_delete = {}
function response(status, headers, body)
  -- Only creating an event answers 201; its id is the record's first field.
  if status == 201 and not grow then
    local id = body:match('"id":(%d+)')
    if id then table.insert(to_delete, id) end
  end
end
function request()
  if #to_delete > 0 then
    return wrk.format("DELETE", "/api/v1/incidents/$key/events/" .. table.remove(to_delete, 1),
      delete_headers)
  end
  next_request = next_request % #requests + 1
  local method, path = requests[next_request][1], requests[next_request][2]
  return wrk.format(method, path, headers, method == "POST" and body or nil)
end
function done(summary, latency, requests_done)
  io.write(string.format("RESULT requests=%d rps=%.0f p99_ms=%.2f socket_errors=%d non2xx=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
LUA
echo "== soak: $DURATION of mixed load at c=$CONNECTIONS, heavy requests every 20 s"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s "$work/mix.lua" "$base/" | grep RESULT
kill "$heavy" 2>/dev/null || true
sleep 1.5  # the access log is flushed once a second

acknowledged=$(grep -c '"route":"/api/v1/incidents/{key}/events","status":201' "$work/access.log" || true)
deleted=$(grep -c '"route":"/api/v1/incidents/{key}/events/{id}","status":204' "$work/access.log" || true)
kept=$(sqlite3 "$db" "SELECT count(*) FROM timeline_events e JOIN incidents i ON i.id = e.incident_id WHERE i.key = '$key' AND e.text = 'soak event'")
start=$(head -1 "$work/rss.log" | cut -d' ' -f1)
warm=$(awk -v s="$start" -v w="$WARMUP" '$1 >= s + w {print $2; exit}' "$work/rss.log")
last=$(tail -1 "$work/rss.log" | cut -d' ' -f2)
heavy_bad=$(awk '$2 !~ /^2/' "$work/heavy.log" | wc -l)
echo "== heavy requests: $(wc -l <"$work/heavy.log") sent, $heavy_bad not answered 2xx"
grep -v ' 2[0-9][0-9]$' "$work/heavy.log" | sort | uniq -c | head -5 || true
stored=$((kept + deleted))
echo "== writes: $acknowledged acknowledged with 201; $kept in the database and $deleted deleted (204) again"
awk -v w="$warm" -v l="$last" 'BEGIN { printf "== RSS: %.0f MiB after warm-up, %.0f MiB at the end: %+.1f%%\n", w / 1024, l / 1024, 100 * (l - w) / w }'
[ "$stored" -ge "$acknowledged" ] || { echo "LOST WRITES"; exit 1; }
