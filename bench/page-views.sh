#!/usr/bin/env bash
# Incident page views per second as the web UI loads them (its API requests, not the static
# files), for one or more builds of debrief on copies of the same seeded database:
#   bench/page-views.sh DEBRIEF_BINARY...
# A build with GET /incidents/{key}/page is asked for the page payload and the timeline; one
# without it, for what the UI asked before: the incident, its participants, its accounts, its
# imports and the timeline. wrk cycles through a view's requests; views/s = requests/s / their
# number. env: INCIDENTS=1000 ITEMS=20 DURATION=10s CONNECTIONS=16 ROUNDS=2
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
INCIDENTS=${INCIDENTS:-1000}
ITEMS=${ITEMS:-20}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18194}
[ $# -gt 0 ] || set -- "$BUILD_DIR/src/server/debrief"

work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
token=$("$BUILD_DIR/bench/seed_load_data" "$work/seed.db" "$INCIDENTS" "$ITEMS")
base="/api/v1/incidents/INC-2026-$(printf '%04d' $((INCIDENTS / 2)))"

for round in $(seq "$ROUNDS"); do
  for binary in "$@"; do
    rm -f "$work"/run.db*
    sqlite3 "$work/seed.db" ".backup '$work/run.db'"
    "$binary" serve --db "$work/run.db" --listen "127.0.0.1:$PORT" > /dev/null 2>&1 &
    server=$!
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.1; done
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$PORT$base/page")" = 200 ]; then
      paths="\"$base/page\", \"$base/timeline\""
    else
      paths="\"$base\", \"$base/participants\", \"$base/accounts\", \"$base/imports\", \"$base/timeline\""
    fi
    cat > "$work/view.lua" <<LUA
local paths = { $paths }
local next_path = 0
wrk.headers["Authorization"] = "Bearer $token"
function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
function done(summary, latency, requests)
  io.write(string.format("RESULT %.0f %d %d\n", summary.requests / (summary.duration / 1e6),
    #paths, summary.errors.status))
end
LUA
    read -r _ rps per_view non2xx < <(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s "$work/view.lua" \
      "http://127.0.0.1:$PORT/" | grep RESULT)
    kill "$server"; wait "$server" 2>/dev/null || true
    printf 'round %s  %-36s requests/view=%s requests/s=%s views/s=%s non2xx=%s\n' "$round" \
      "$binary" "$per_view" "$rps" "$((rps / per_view))" "$non2xx"
  done
done
