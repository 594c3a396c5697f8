#!/usr/bin/env bash
# Slack export import throughput: generates a workspace export (folder) whose channel holds
# MESSAGES messages (default 1,000,000; deterministic: 2,000 a day, threads, reactions, pins,
# mentions, links and joins, as real channels have them), imports every message into the example
# incident of a fresh database with `debrief import slack --all-messages`, and reports events
# per second and the importer's peak RSS (GNU time). A second run measures the idempotent path.
# ZIP=1 zips the export first and imports the zip.
# Usage: bench/slack-load.sh   (env: MESSAGES=1000000 WORK=/tmp/debrief-slack-bench ZIP=0)
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${MESSAGES:-1000000}
WORK=${WORK:-/tmp/debrief-slack-bench}
DEBRIEF=build/src/server/debrief
[ -x "$DEBRIEF" ] || { echo "build first: make build" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
export_dir="$WORK/export-$MESSAGES"
if [ ! -s "$export_dir/channels.json" ]; then
  echo "== writing an export of $MESSAGES messages to $export_dir"
  rm -rf "$export_dir" && mkdir -p "$export_dir/incident-142"
  cat > "$export_dir/channels.json" <<'JSON'
[{"id": "C0INC142", "name": "incident-142", "created": 1773482400, "creator": "U0001",
  "is_archived": false, "is_general": false, "members": ["U0001", "U0002", "U0003"]}]
JSON
  awk 'BEGIN {
    printf "["
    for (u = 1; u <= 50; u++) {
      printf "%s{\"id\": \"U%04d\", \"name\": \"user%d\", \"real_name\": \"Responder %d\", ", \
        (u > 1 ? "," : ""), u, u, u
      printf "\"profile\": {\"real_name\": \"Responder %d\", \"display_name\": \"r%d\", ", u, u
      printf "\"email\": \"r%d@example.com\"}}\n", u
    }
    print "]"
  }' > "$export_dir/users.json"
  awk -v total="$MESSAGES" -v dir="$export_dir/incident-142" 'BEGIN {
    per_day = 2000; start = 1773446400
    split("checkout payments search inventory shipping auth", services, " ")
    for (i = 0; i < total; i++) {
      day = int(i / per_day)
      if (i % per_day == 0) {
        if (i > 0) { print "]" > file; close(file) }
        file = sprintf("%s/%s.json", dir, strftime("%Y-%m-%d", start + day * 86400, 1))
        printf "[" > file
      }
      ts = sprintf("%d.%06d", start + day * 86400 + int((i % per_day) * 43.2), i % 1000000)
      user = sprintf("U%04d", i % 50 + 1); s = services[i % 6 + 1]
      printf "%s{\"type\": \"message\", \"user\": \"%s\", \"ts\": \"%s\", ", \
        (i % per_day ? "," : ""), user, ts > file
      if (i % 97 == 0) {
        printf "\"subtype\": \"channel_join\", \"text\": \"<@%s> has joined the channel\"}\n", user > file
        continue
      }
      printf "\"text\": \"%s error rate at %d%%, <@U%04d> can you check <https://grafana.example/d/%s|the %s dashboard>? &gt; rollback if it stays\"", \
        s, i % 40, (i + 7) % 50 + 1, s, s > file
      if (i % 10 == 0) printf ", \"thread_ts\": \"%s\", \"reply_count\": 2", ts > file
      else if (i % 10 < 3 && prev_parent != "") printf ", \"thread_ts\": \"%s\"", prev_parent > file
      if (i % 10 == 0) prev_parent = ts
      if (i % 50 == 0) printf ", \"pinned_to\": [\"C0INC142\"]" > file
      if (i % 7 == 0) printf ", \"reactions\": [{\"name\": \"%s\", \"users\": [\"U0002\"], \"count\": 1}]", (i % 21 == 0 ? "pushpin" : "eyes") > file
      printf ", \"team\": \"T01\", \"user_team\": \"T01\", \"blocks\": []}\n" > file
    }
    print "]" > file
  }'
fi
target="$export_dir"
if [ "${ZIP:-0}" = 1 ]; then
  target="$WORK/export-$MESSAGES.zip"
  [ -s "$target" ] || (cd "$export_dir" && python3 -c '
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for root, _, files in os.walk("."):
        for f in files:
            z.write(os.path.join(root, f))' "$target")
fi
db="$WORK/bench.db"
rm -f "$db" "$db-wal" "$db-shm"
"$DEBRIEF" demo --db "$db" >/dev/null
echo "== $(du -sh "$target" | cut -f1) export, $(ls "$export_dir/incident-142" | wc -l) day files"
for run in first again; do
  out=$(/usr/bin/time -f "%e %M" "$DEBRIEF" import slack "$target" --channel incident-142 \
        --incident INC-2026-0001 --db "$db" --all-messages 2>&1 >/dev/null | tail -1)
  seconds=${out% *}; rss_kib=${out#* }
  awk -v run="$run" -v s="$seconds" -v k="$rss_kib" -v n="$MESSAGES" \
    'BEGIN { printf "   %-6s %.2f s, %.0f messages/s, peak RSS %.0f MiB\n", run, s, n / s, k / 1024 }'
done
"$DEBRIEF" import slack "$target" --channel incident-142 --incident INC-2026-0001 --db "$db" \
  --all-messages 2>/dev/null | tail -1
