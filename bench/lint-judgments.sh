#!/usr/bin/env bash
# The checker's false alarms on real postmortems: runs `debrief lint` over ../shared/corpus (the
# public postmortems kept outside the project; skipped without it) and matches every finding to
# the hand-made judgments in bench/lint-judgments.tsv (file, line, rule, true|false, why).
# Prints the findings, how many were judged right and wrong, false alarms per document, the
# share of warning/error findings that are right, and every finding nobody has judged yet
# (judge those and add them to the file). The language model learns from these documents' prose
# (make language-model), so for its hints on unseen reviews see the cross-validated count of
# tools/train_language_model --by-file (docs/language.md).
# Usage: bench/lint-judgments.sh [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
if [ ! -d "$corpus" ]; then
  echo "no corpus at $corpus; skipping"
  exit 0
fi
findings=$(mktemp)
trap 'rm -f "$findings"' EXIT
status=0
build/src/server/debrief lint --format json "$corpus" > "$findings" || status=$?
[ "$status" -le 1 ] || exit "$status"
python3 - "$findings" "$corpus" bench/lint-judgments.tsv <<'PY'
import json, os, sys
documents = sorted(name for name in os.listdir(sys.argv[2])
                   if name.endswith(".md") and name not in ("SOURCES.md", "README.md"))
findings = [finding for finding in json.load(open(sys.argv[1]))
            if os.path.basename(finding["file"]) in documents]
judged = {}
for line in open(sys.argv[3], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    file, number, rule, verdict, *why = line.rstrip("\n").split("\t")
    judged[(file, int(number), rule)] = verdict == "true"
def report(title, names):
    right = wrong = serious_right = serious = unjudged = 0
    for finding in findings:
        name = os.path.basename(finding["file"])
        if name not in names:
            continue
        key = (name, finding["line"], finding["rule"])
        if key not in judged:
            unjudged += 1
            continue
        ok = judged[key]
        right += ok
        wrong += not ok
        if finding["severity"] in ("warning", "error"):
            serious += 1
            serious_right += ok
    print(f"{title}: {len(names)} documents, {right} right, {wrong} false alarms "
          f"({wrong / max(len(names), 1):.2f} per document, goal < 0.3), {unjudged} not judged yet"
          + (f"; warning/error right {serious_right} of {serious}" if serious else ""))
report("all", set(documents))
for finding in findings:
    key = (os.path.basename(finding["file"]), finding["line"], finding["rule"])
    if key not in judged:
        print(f"not judged: {key[0]}:{key[1]} [{key[2]}] {finding['excerpt']!r}")
PY
