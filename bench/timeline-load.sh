#!/usr/bin/env bash
# The merged timeline of a large incident over HTTP: imports ITEMS deploy events (default
# 100,000) into the example incident of a fresh database, starts `debrief serve`, and times the
# timeline endpoint with curl, every request new to the response cache: the first page after
# the server started (which reads every event), the first page after the incident changed (which
# reads what changed and merges everything), pages of 200 items at successive cursors after it
# (what the UI asks for while scrolling), and the whole timeline in one answer (merged anew for
# each: every request asks for other gap options). Prints medians and the slowest.
# Usage: bench/timeline-load.sh   (env: ITEMS=100000 REQUESTS=21 PORT=18093 WORK=/tmp/...)
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${ITEMS:-100000}
REQUESTS=${REQUESTS:-21}
PORT=${PORT:-18093}
WORK=${WORK:-/tmp/debrief-timeline-bench}
DEBRIEF=build/src/server/debrief
[ -x "$DEBRIEF" ] || { echo "build first: make build" >&2; exit 1; }
mkdir -p "$WORK"
db="$WORK/timeline.db"
rm -f "$db" "$db-wal" "$db-shm"
"$DEBRIEF" demo --db "$db" > /dev/null
awk -v items="$ITEMS" 'BEGIN {
  split("checkout payments search inventory shipping auth", services, " ")
  for (i = 0; i < items; i++) {
    s = services[i % 6 + 1]
    printf "{\"time\":\"%d\",\"run\":%d,\"message\":\"%s 1.%d.%d rolled out on prod-eu-%d\"}\n", \
      1773482400000 + i * 1000, i, s, int(i / 1000), i % 1000, i % 3
  }
}' | "$DEBRIEF" import jsonl - --incident INC-2026-0001 --db "$db" --id-field run \
  --event-kind change > /dev/null
token=$("$DEBRIEF" user token create admin@debrief.local --db "$db")
"$DEBRIEF" serve --db "$db" --listen "127.0.0.1:$PORT" > /dev/null 2> "$WORK/serve.err" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$PORT/api/v1/incidents/INC-2026-0001/timeline"

# Prints "median slowest" of the time_total of each URL, in milliseconds.
time_requests() {
  local times=()
  for url in "$@"; do
    times+=("$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$url")")
  done
  printf '%s\n' "${times[@]}" | sort -n |
    awk '{ t[NR] = $1 * 1000 } END { printf "median %.1f ms, slowest %.1f ms", t[int((NR + 1) / 2)], t[NR] }'
}

pages=()
for index in $(seq 0 $((REQUESTS - 1))); do pages+=("$base?limit=200&cursor=$((index * 200))"); done
echo "== $ITEMS imported events and the example incident's accounts"
# The first request after the server starts reads every event from the database.
first=$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$base?limit=200")
echo "   first page since the server started: $(awk -v t="$first" 'BEGIN { printf "%.1f ms", t * 1000 }')"
# After a change (an event added: the incident's generation moves) the first page reads back what
# changed and merges the whole incident again; the pages after it come from the merged timeline
# kept in memory.
cold=()
for round in $(seq 5); do
  curl -sf -o /dev/null -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
    -d "{\"at\": \"2026-03-14T10:00:0${round}Z\", \"text\": \"note $round\"}" \
    "http://127.0.0.1:$PORT/api/v1/incidents/INC-2026-0001/events"
  cold+=("$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" \
    "$base?limit=200&cursor=$((round * 200))")")
done
printf '%s\n' "${cold[@]}" | sort -n | awk '{ t[NR] = $1 * 1000 } END {
  printf "   first page after a change, 5 requests: median %.1f ms, slowest %.1f ms\n", t[3], t[5] }'
echo "   pages of 200 items after it, $REQUESTS requests: $(time_requests "${pages[@]}")"
whole=()
for gap in $(seq 1 5); do whole+=("$base?gap_minutes=$gap"); done
bytes=$(curl -sf -H "Authorization: Bearer $token" "$base?gap_minutes=9" | wc -c)
echo "   the whole timeline in one answer ($((bytes / 1024 / 1024)) MiB), 5 requests: $(time_requests "${whole[@]}")"
