#!/usr/bin/env bash
# Runs `debrief lint` over the public postmortems in ../shared/corpus (when that folder is there;
# it is not part of the project) and prints every finding with its line, for review by hand.
# Usage: bench/lint-corpus.sh [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
if [ ! -d "$corpus" ]; then
  echo "no corpus at $corpus; skipping"
  exit 0
fi
status=0
build/src/server/debrief lint --format text "$corpus" || status=$?
[ "$status" -le 1 ] || exit "$status"
