#!/usr/bin/env bash
# The checker's false alarms on real postmortems: runs `debrief lint` over ../shared/corpus (the
# public postmortems kept outside the project; skipped without it) and matches every finding to
# the hand-made judgments in bench/lint-judgments.tsv (file, line, rule, true|false, why).
# Prints the findings, how many were judged right and wrong, false alarms per document, the
# share of warning/error findings that are right, and every finding nobody has judged yet
# (judge those and add them to the file).
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
findings = json.load(open(sys.argv[1]))
documents = [name for name in os.listdir(sys.argv[2])
             if name.endswith(".md") and name not in ("SOURCES.md", "README.md")]
judged = {}
for line in open(sys.argv[3], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    file, number, rule, verdict, *why = line.rstrip("\n").split("\t")
    judged[(file, int(number), rule)] = verdict == "true"
right = wrong = 0
serious_right = serious = 0
unjudged = []
for finding in findings:
    key = (os.path.basename(finding["file"]), finding["line"], finding["rule"])
    if key not in judged:
        unjudged.append(finding)
        continue
    ok = judged[key]
    right += ok
    wrong += not ok
    if finding["severity"] in ("warning", "error"):
        serious += 1
        serious_right += ok
print(f"{len(findings)} findings in {len(documents)} documents: {right} right, {wrong} false "
      f"alarms, {len(unjudged)} not judged yet")
print(f"false alarms per document: {wrong / max(len(documents), 1):.2f} (goal < 0.3)")
if serious:
    print(f"warning/error findings that are right: {serious_right} of {serious} "
          f"({serious_right / serious:.2f}, goal >= 0.9)")
for finding in unjudged:
    print(f"not judged: {os.path.basename(finding['file'])}:{finding['line']} "
          f"[{finding['rule']}] {finding['excerpt']!r}")
PY
