#!/usr/bin/env bash
# The whole timeline of an incident of 100,000 events (about 46 MB of JSON), several builds of
# debrief on copies of one seeded database, ROUNDS rounds:
#   bench/large-timeline.sh DEBRIEF_BINARY...
# env: EVENTS=100000 CLIENTS=12 RATE=20M ROUNDS=3
# Per binary and round: the first request after the server started (time to the first byte and
# to the last), the second one, then CLIENTS clients at once each reading at RATE: the server's
# peak RSS and the slowest of 50 /healthz asked meanwhile. Every build's body must be the same.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
EVENTS=${EVENTS:-100000}
CLIENTS=${CLIENTS:-12}
RATE=${RATE:-20M}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18194}
[ $# -gt 0 ] || set -- "$BUILD_DIR/src/server/debrief"

work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
token=$("$BUILD_DIR/bench/seed_load_data" "$work/seed.db" 3 10)
awk -v n="$EVENTS" 'BEGIN { for (i = 0; i < n; i++)
  printf "{\"time\":\"%d\",\"message\":\"deploy step %d finished on node-%d\",\"run\":%d}\n",
    1773482400000 + i * 1000, i, i % 50, i }' > "$work/large.jsonl"
"$1" import jsonl "$work/large.jsonl" --incident INC-2026-0001 --db "$work/seed.db" \
  --id-field run > /dev/null
base="http://127.0.0.1:$PORT"
url="$base/api/v1/incidents/INC-2026-0001/timeline"
auth="Authorization: Bearer $token"

printf '%-40s %5s %18s %18s %10s %12s\n' build round "first: ttfb/total" "second: ttfb/total" \
  "peak RSS" "healthz max"
for round in $(seq "$ROUNDS"); do
  for binary in "$@"; do
    cp "$work/seed.db" "$work/run.db"
    "$binary" serve --db "$work/run.db" --listen "127.0.0.1:$PORT" > /dev/null 2> "$work/serve.err" &
    server=$!
    for _ in $(seq 100); do curl -sf "$base/healthz" > /dev/null && break; sleep 0.1; done
    ms() { awk '{ printf "%.1f/%.1f ms", $1 * 1000, $2 * 1000 }'; }
    first=$(curl -s -o "$work/body.json" -w '%{time_starttransfer} %{time_total}' -H "$auth" "$url" | ms)
    second=$(curl -s -o /dev/null -w '%{time_starttransfer} %{time_total}' -H "$auth" "$url" | ms)
    sum=$(md5sum < "$work/body.json" | cut -c1-32)
    if [ -z "${expected:-}" ]; then expected=$sum; fi
    [ "$sum" = "$expected" ] || { echo "$binary answered a different body" >&2; exit 1; }
    readers=()
    for _ in $(seq "$CLIENTS"); do
      curl -s -o /dev/null --limit-rate "$RATE" -H "$auth" "$url" & readers+=($!)
    done
    sleep 0.3
    healthz=$(for _ in $(seq 50); do
      curl -s -o /dev/null -w '%{time_total}\n' "$base/healthz"; sleep 0.02
    done | sort -n | tail -1 | awk '{ printf "%.1f ms", $1 * 1000 }')
    wait "${readers[@]}"
    peak=$(awk '/VmHWM/ { printf "%d MiB", $2 / 1024 }' "/proc/$server/status")
    kill "$server"; wait "$server" 2>/dev/null || true
    printf '%-40s %5s %18s %18s %10s %12s\n' "$binary" "$round" "$first" "$second" "$peak" "$healthz"
  done
done
echo "every build answered the same $(stat -c %s "$work/body.json")-byte body"
