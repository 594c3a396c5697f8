#!/usr/bin/env bash
# Does anyone wait behind a heavy request? For each kind of heavy request, two clients send it
# back to back for DURATION while wrk measures /healthz (c=4); the health check's p99 is the
# figure (goal: under 50 ms whatever runs). The kinds:
#   export-html     GET export?format=html of an incident with 1,500 events of 9,900 "[" each
#   sign-in         POST /session with the right password (argon2id)
#   import-preview  POST timeline/import, dry run, 2,000 new lines into an incident of 50,000
#   import-large    POST timeline/import of 200,000 lines (15 MB; the first adds them, the rest
#                   find them all there: each reads, stages and commits the whole file)
#   timeline-large  GET the whole timeline of the incident of 50,000 events (about 25 MB)
#   lint            POST /lint of 175 KB of prose (the route takes at most 200,000 bytes)
# and "idle", nothing heavy, for the baseline. Also reports how many heavy requests completed.
# Usage: bench/heavy-requests.sh   (env: DURATION=10s BUILD_DIR=build PORT=18191 KINDS="idle ..."
#        SERVE_ARGS="--search-threads 0" runs every heavy step on the event loop, for comparison;
#        WRITERS=2 adds that many connections POSTing events meanwhile, and reports their p99)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
DURATION=${DURATION:-10s}
PORT=${PORT:-18191}
DEBRIEF="$BUILD_DIR/src/server/debrief"
[ -x "$DEBRIEF" ] || DEBRIEF="$BUILD_DIR/src/cli/debrief"  # Older layouts.
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/heavy.db"
base="http://127.0.0.1:$PORT"

echo "== seeding"
token=$("$BUILD_DIR/bench/seed_load_data" "$db" 3 10)
awk 'BEGIN { for (i = 0; i < 50000; i++)
  printf "{\"time\":\"%d\",\"message\":\"deploy step %d finished\",\"run\":%d}\n", 1773482400000 + i * 1000, i, i }' \
  > "$work/large.jsonl"
"$DEBRIEF" import jsonl "$work/large.jsonl" --incident INC-2026-0001 --db "$db" --id-field run >/dev/null
awk 'BEGIN { s = ""; for (j = 0; j < 9900; j++) s = s "["
  for (i = 0; i < 1500; i++) printf "{\"time\":\"%d\",\"message\":\"%s\",\"run\":%d}\n", 1773482400000 + i * 1000, s, i }' \
  > "$work/brackets.jsonl"
"$DEBRIEF" import jsonl "$work/brackets.jsonl" --incident INC-2026-0002 --db "$db" --id-field run >/dev/null
echo "heavy enough passphrase" | "$DEBRIEF" user add --db "$db" --email signer@example.com \
  --name Signer --role member --password-stdin >/dev/null

# The import preview's body: 2,000 lines none of which are in the incident yet.
awk 'BEGIN { for (i = 0; i < 2000; i++)
  printf "{\"time\":\"%d\",\"message\":\"new line %d\",\"run\":%d}\n", 1773482400000 + i * 1000, i, 900000 + i }' \
  > "$work/preview.jsonl"
jq -Rs '{format: "jsonl", content: ., dry_run: true, id_field: "run"}' "$work/preview.jsonl" > "$work/preview.json"
awk 'BEGIN { for (i = 0; i < 1900; i++) printf "The operator simply restarted the service at step %d and it obviously should have worked. ", i }' \
  | jq -Rs '{text: .}' > "$work/lint.json"
printf '{"email":"signer@example.com","password":"heavy enough passphrase"}' > "$work/sign-in.json"
awk 'BEGIN { for (i = 0; i < 200000; i++)
  printf "{\"time\":\"%d\",\"message\":\"bulk line %d\",\"run\":%d}\n", 1773482400000 + i * 1000, i, 2000000 + i }' \
  | jq -Rs '{format: "jsonl", content: ., id_field: "run"}' > "$work/import-large.json"

# shellcheck disable=SC2086 # SERVE_ARGS is a list of flags.
"$DEBRIEF" serve --db "$db" --listen "127.0.0.1:$PORT" ${SERVE_ARGS:-} > "$work/access.log" 2> "$work/serve.err" &
server=$!
for _ in $(seq 100); do curl -sf "$base/healthz" > /dev/null && break; sleep 0.1; done

cat > "$work/write.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"at":"2026-03-14T10:30:00Z","kind":"other","text":"written while heavy work runs"}'
function done(summary, latency, requests)
  io.write(string.format("RESULT write_p99_ms=%.2f write_max_ms=%.1f writes=%d non2xx=%d\n",
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, summary.errors.status))
end
LUA
cat > "$work/health.lua" <<'LUA'
function done(summary, latency, requests)
  io.write(string.format("RESULT p50_ms=%.2f p99_ms=%.2f max_ms=%.1f rps=%.0f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6)))
end
LUA

heavy() {  # One client sending the heavy request back to back until told to stop.
  local kind=$1 count=0
  while [ ! -e "$work/stop" ]; do
    case $kind in
      export-html) curl -s -o /dev/null -H "Authorization: Bearer $token" \
        "$base/api/v1/incidents/INC-2026-0002/export?format=html" ;;
      sign-in) curl -s -o /dev/null -H 'Content-Type: application/json' \
        --data-binary @"$work/sign-in.json" "$base/api/v1/session" ;;
      import-preview) curl -s -o /dev/null -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' --data-binary @"$work/preview.json" \
        "$base/api/v1/incidents/INC-2026-0001/timeline/import" ;;
      import-large) curl -s -o /dev/null -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' --data-binary @"$work/import-large.json" \
        "$base/api/v1/incidents/INC-2026-0003/timeline/import" ;;
      timeline-large) curl -s -o /dev/null -H "Authorization: Bearer $token" \
        "$base/api/v1/incidents/INC-2026-0001/timeline" ;;
      lint) curl -s -o /dev/null -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' --data-binary @"$work/lint.json" "$base/api/v1/lint" ;;
      idle) sleep 1; continue ;;
    esac
    count=$((count + 1))
  done
  echo "$count" > "$work/$kind.$BASHPID.count"
}

echo "== /healthz (wrk -t1 -c4 -d$DURATION) while two clients send each heavy request"
for kind in ${KINDS:-idle export-html sign-in import-preview import-large timeline-large lint}; do
  rm -f "$work/stop" "$work"/*.count
  heavy "$kind" & a=$!
  heavy "$kind" & b=$!
  sleep 0.5
  writes=""
  if [ "${WRITERS:-0}" -gt 0 ]; then
    wrk -t1 -c"$WRITERS" -d"$DURATION" -s "$work/write.lua" \
      "$base/api/v1/incidents/INC-2026-0003/events" | grep RESULT > "$work/write.out" &
    writer=$!
  fi
  line=$(wrk -t1 -c4 -d"$DURATION" -s "$work/health.lua" "$base/healthz" | grep RESULT)
  if [ "${WRITERS:-0}" -gt 0 ]; then
    wait "$writer"
    writes=" $(sed 's/^RESULT //' "$work/write.out")"
  fi
  touch "$work/stop"
  wait "$a" "$b"
  done_count=$(cat "$work"/*.count | awk '{ s += $1 } END { print s }')
  printf '%-15s %s heavy_done=%s%s\n' "$kind" "${line#RESULT }" "$done_count" "$writes"
done
echo "== server RSS $(( $(awk '/VmRSS/ { print $2 }' /proc/$server/status) / 1024 )) MiB"
