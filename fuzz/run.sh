#!/usr/bin/env bash
# Runs every fuzz target of a -DDEBRIEF_FUZZ=ON build for a set time:
#   fuzz/run.sh BUILD_DIR SECONDS_PER_TARGET [JOBS] [TARGET...]
# Each target starts from its checked-in corpus (fuzz/corpus/<name>) and keeps what it finds in
# BUILD_DIR/corpus/<name>; a crash, leak, timeout or sanitizer report is written to
# BUILD_DIR/findings/ and makes the run fail. With FUZZ_MERGE=1 the inputs that reach new code
# are added to fuzz/corpus afterwards (libFuzzer -merge=1), so `make test` replays them.
# When the shared sample folders are beside the checkout (../shared), their real files are read
# as extra seeds; they are never copied into the project.
set -euo pipefail

build=${1:?build folder}
seconds=${2:-60}
jobs=${3:-$(nproc)}
shift $(($# < 3 ? $# : 3))
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "$here/../.." && pwd)/shared

mapfile -t entries < <(grep -v '^$' "$build/fuzz_targets.txt")
if [ $# -gt 0 ]; then
  wanted=" $* "
  selected=()
  for entry in "${entries[@]}"; do
    [[ "$wanted" == *" ${entry%%:*} "* ]] && selected+=("$entry")
  done
  entries=("${selected[@]}")
fi
[ ${#entries[@]} -gt 0 ] || { echo "no fuzz targets selected" >&2; exit 2; }

binaries=()
for entry in "${entries[@]}"; do binaries+=("${entry%%:*}_fuzz"); done
cmake --build "$build" --target "${binaries[@]}"

extra_seeds() {
  local name=$1
  [ -d "$shared" ] || return 0
  case $name in
    markdown_postmortem | markdown_render | language_checker) echo "$shared/corpus" ;;
    slack_day) echo "$shared/formats/slack-export/B75B4C7" ;;
  esac
}

mkdir -p "$build/findings" "$build/logs"
run_one() {
  local entry=$1 name=${1%%:*} corpus=${1#*:}
  local work="$build/corpus/$name"
  mkdir -p "$work"
  local status=0
  local started
  started=$(date +%s)
  # A timeout is wall-clock time: 30 s, as a fuzzer niced beside a two-core build can be starved
  # for seconds (finding 4 in docs/fuzzing.md); no input of these targets takes a second.
  # shellcheck disable=SC2046
  "$build/fuzz/${name}_fuzz" "$work" "$here/corpus/$corpus" $(extra_seeds "$name") \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/findings/$name-" >"$build/logs/$name.log" 2>&1 || status=$?
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/logs/$name.log" | grep -o '[0-9]*$' || echo 0)
  # The seconds it really ran, so that a run stopped early counts for what it was.
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$name" "$(($(date +%s) - started))" "${runs:-0}" "$status" \
    >>"$build/fuzz-log.tsv"
  if [ "$status" != 0 ]; then
    echo "FINDING in $name: see $build/logs/$name.log and $build/findings/" >&2
    return 1
  fi
  if [ "${FUZZ_MERGE:-0}" = 1 ]; then
    "$build/fuzz/${name}_fuzz" -merge=1 "$here/corpus/$corpus" "$work" >/dev/null 2>&1
  fi
  echo "$name: ${runs:-0} inputs in ${seconds}s, no finding"
}
export -f run_one extra_seeds
export build seconds here shared

status=0
printf '%s\n' "${entries[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} || status=1
total=$(awk -F'\t' '{s += $3} END {printf "%.2f", s / 3600}' "$build/fuzz-log.tsv")
echo "CPU-hours fuzzed in $build so far: $total (per run: $build/fuzz-log.tsv)"
exit $status
