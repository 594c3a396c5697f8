#!/usr/bin/env bash
# Reads an archive of real postmortems (by default ../shared/corpus, when it is there) the way
# `debrief import markdown` does, storing nothing, and prints per file what was recognised:
# timeline rows with the time each was placed at, factors, action items, lessons, and the
# sections left as narrative. Compare the times with the files to judge the importer.
#   CORPUS=DIR bash bench/markdown-corpus.sh [--summary]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CORPUS:-../shared/corpus}
binary=${DEBRIEF:-build/src/server/debrief}
if [ ! -d "$corpus" ]; then
  echo "no postmortems at $corpus: nothing to read"
  exit 0
fi
files=()
while IFS= read -r file; do files+=("$file"); done < <(find "$corpus" -name '[0-9]*.md' | sort)
rows=--rows
[ "${1:-}" = "--summary" ] && rows=
start=$(date +%s%N)
"$binary" import markdown --dry-run $rows "${files[@]}"
end=$(date +%s%N)
echo "read ${#files[@]} files in $(( (end - start) / 1000000 )) ms"
