#!/usr/bin/env bash
# Timeline import throughput: generates a JSON Lines deploy log of LINES lines (default
# 1,000,000; deterministic), imports it into the example incident of a fresh database with
# `debrief import jsonl`, and reports events per second and the importer's peak RSS (GNU time).
# A second run of the same file measures the idempotent path (every event already there).
# Usage: bench/import-load.sh   (env: LINES=1000000 WORK=/tmp/debrief-import-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${LINES:-1000000}
WORK=${WORK:-/tmp/debrief-import-bench}
DEBRIEF=build/src/server/debrief
[ -x "$DEBRIEF" ] || { echo "build first: make build" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
mkdir -p "$WORK"
log="$WORK/deploys-$LINES.jsonl"
if [ ! -s "$log" ]; then
  echo "== writing $LINES lines to $log"
  awk -v lines="$LINES" 'BEGIN {
    split("checkout payments search inventory shipping auth notifications reporting", services, " ")
    split("started finished failed rolled-back", states, " ")
    for (i = 0; i < lines; i++) {
      s = services[i % 8 + 1]; st = states[int(i / 8) % 4 + 1]
      printf "{\"time\":\"%d\",\"service\":\"%s\",\"version\":\"1.%d.%d\",\"status\":\"%s\",", \
        1773482400000 + i * 250, s, int(i / 1000), i % 1000, st
      printf "\"actor\":\"deploy-bot\",\"run\":%d,\"message\":\"%s 1.%d.%d %s on prod-eu-%d\"}\n", \
        i, s, int(i / 1000), i % 1000, st, i % 3
    }
  }' > "$log"
fi
db="$WORK/bench.db"
rm -f "$db" "$db-wal" "$db-shm"
"$DEBRIEF" demo --db "$db" >/dev/null
echo "== $(du -h "$log" | cut -f1) file, $(wc -l < "$log") lines"
for run in first again; do
  out=$(/usr/bin/time -f "%e %M" "$DEBRIEF" import jsonl "$log" --incident INC-2026-0001 \
        --db "$db" --id-field run --actor "{actor}" --event-kind change 2>&1 >/dev/null | tail -1)
  seconds=${out% *}; rss_kib=${out#* }
  awk -v run="$run" -v s="$seconds" -v k="$rss_kib" -v n="$LINES" \
    'BEGIN { printf "   %-6s %.2f s, %.0f events/s, peak RSS %.0f MiB\n", run, s, n / s, k / 1024 }'
done
