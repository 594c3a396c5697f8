#!/usr/bin/env bash
# Times `debrief lint` against the prose linters people use on Markdown today, alex and
# write-good, on the same files in one run.
#
# The corpus (about 6 MB of English Markdown, rebuilt the same way every time):
# - the Node.js API reference as Debian 12 ships it (package nodejs-doc, 60 files), and
# - the README of every package in alex's and write-good's dependency trees, at the versions
#   bench/peers/package-lock.json pins.
# Both linters are installed from npm with that lock file into a temporary folder.
#
# Usage: bench/lint-vs-peers.sh            (after `make build`; needs npm and apt-get download)
set -euo pipefail
cd "$(dirname "$0")/.."
debrief=$PWD/build/src/server/debrief
[ -x "$debrief" ] || { echo "build first: make build" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp bench/peers/package.json bench/peers/package-lock.json "$work/"
(cd "$work" && npm ci --no-audit --no-fund --silent >/dev/null 2>&1)

mkdir -p "$work/corpus/nodejs-api" "$work/corpus/readmes"
(cd "$work" && apt-get download nodejs-doc >/dev/null 2>&1)
deb=$(ls "$work"/nodejs-doc_*.deb)
dpkg-deb -x "$deb" "$work/nodejs-doc"
for file in "$work"/nodejs-doc/usr/share/doc/nodejs/api/*.md.gz; do
  zcat "$file" >"$work/corpus/nodejs-api/$(basename "$file" .gz)"
done
find "$work/node_modules" -maxdepth 3 -iname 'readme.md' -type f | sort | while read -r readme; do
  name=$(dirname "${readme#"$work"/node_modules/}" | tr '/' '_')
  cp "$readme" "$work/corpus/readmes/$name.md"
done

corpus=$work/corpus
files=$(find "$corpus" -name '*.md' | wc -l)
bytes=$(find "$corpus" -name '*.md' -print0 | xargs -0 cat | wc -c)
megabytes=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')
echo "corpus: $files files, $megabytes MB ($(basename "$deb"), readmes of $(ls "$corpus/readmes" | wc -l) npm packages)"
echo "cores: $(nproc)"

# Wall-clock seconds of a command, its output discarded (linters exit 1 when they find something).
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}

# Median of three runs for debrief (fast enough to repeat); one run each for the peers.
median3() {
  local a b c
  a=$(seconds "$@"); b=$(seconds "$@"); c=$(seconds "$@")
  printf '%s\n%s\n%s\n' "$a" "$b" "$c" | sort -n | sed -n 2p
}

mapfile -t markdown < <(find "$corpus" -name '*.md' | sort)
debrief_all=$(median3 "$debrief" lint --format json "$corpus")
debrief_one=$(median3 taskset -c 0 "$debrief" lint --format json "$corpus")
alex=$(seconds "$work/node_modules/.bin/alex" "${markdown[@]}")
write_good=$(seconds "$work/node_modules/.bin/write-good" --parse "${markdown[@]}")

findings=$("$debrief" lint --format json "$corpus" | grep -o '"rule":' | wc -l || true)
rate() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.2f", b / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", a / b }'; }
printf '\n%-28s %10s %10s %14s\n' "tool" "seconds" "MB/s" "debrief is"
printf '%-28s %10s %10s %14s\n' "debrief lint (all cores)" "$debrief_all" "$(rate "$debrief_all")" ""
printf '%-28s %10s %10s %14s\n' "debrief lint (one core)" "$debrief_one" "$(rate "$debrief_one")" ""
printf '%-28s %10s %10s %14s\n' "alex 11.0.1" "$alex" "$(rate "$alex")" "$(ratio "$alex" "$debrief_all")x faster"
printf '%-28s %10s %10s %14s\n' "write-good 1.0.8" "$write_good" "$(rate "$write_good")" "$(ratio "$write_good" "$debrief_all")x faster"
echo
echo "debrief findings on the corpus: $findings"
