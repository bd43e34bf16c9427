#!/usr/bin/env bash
# The "regular file over 2 GiB" case of the hostile-input table, end to end: generates a state of about
# 2.2 GB (benchmarks/generate.py), runs the release `vpcelint check --format json` on it, and fails unless
# the run completes (exit 0 or 1, never 2 or a signal) with every resource counted and the findings of the
# hub-and-spoke network in it. Not part of scripts/test.sh: it needs ~2.2 GB of disk, ~4.5 GB of memory and
# a few minutes. Prints time and peak RSS.
#
#   scripts/huge-input.sh [SIZE_MB]     (default 2200; the file is kept in benchmarks/data/)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE=${1:-2200}
DATA=$ROOT/benchmarks/data
FILE=$DATA/state-${SIZE}mb.json
SCRATCH=${SCRATCH_PATH:-.build}
mkdir -p "$DATA"
cd "$ROOT"

swift build -c release --scratch-path "$SCRATCH" --product vpcelint > "$DATA/huge-build.log" 2>&1 || {
    cat "$DATA/huge-build.log" >&2; exit 1; }
[ -s "$FILE" ] || python3 benchmarks/generate.py --form state --size-mb "$SIZE" --seed 7 --vpcs 40 "$FILE"
bytes=$(stat -c %s "$FILE")
echo "input: $FILE, $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.2f GiB", b / 2^30 }'))"
if [ "$SIZE" -ge 2200 ] && [ "$bytes" -le $((2 * 1024 * 1024 * 1024)) ]; then
    echo "FAIL: the file is not over 2 GiB" >&2; exit 1
fi
# The count to expect: one "mode" member per resource instance, counted without parsing (in blocks: the
# file is one line, too long for grep).
expected=$(python3 - "$FILE" <<'PY'
import sys
patterns = [b'"mode":"managed"', b'"mode":"data"']
keep = max(map(len, patterns)) - 1
count, tail = 0, b""
with open(sys.argv[1], "rb") as f:
    while block := f.read(64 << 20):
        window = tail + block
        count += sum(window.count(p) for p in patterns)
        tail = window[-keep:]
        # A match wholly inside the kept tail is counted again with the next block: take it back now.
        count -= sum(tail.count(p) for p in patterns)
print(count + sum(tail.count(p) for p in patterns))
PY
)

status=0
/usr/bin/time -f "%e %M" -o "$DATA/huge-time.log" "$SCRATCH/release/vpcelint" check --format json "$FILE" \
    > "$DATA/huge-report.json" 2> "$DATA/huge-stderr.log" || status=$?
read -r wall rss < <(tail -1 "$DATA/huge-time.log")
echo "vpcelint check: exit $status, ${wall} s, peak RSS $((rss * 1024 / 1000000)) MB ($(awk -v r="$rss" -v b="$bytes" 'BEGIN { printf "%.2f", r * 1024 / b }')x the file)"
if [ "$status" != 0 ] && [ "$status" != 1 ]; then
    echo "FAIL: exit status $status" >&2; cat "$DATA/huge-stderr.log" >&2; exit 1
fi
python3 - "$DATA/huge-report.json" "$expected" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
expected = int(sys.argv[2])
counted = sum(item["resources"] for item in report["inputs"])
print("resources: %d in the report, %d in the file; findings: %d" % (counted, expected, len(report["findings"])))
if counted != expected:
    sys.exit("FAIL: the report counts %d resources, the file holds %d" % (counted, expected))
if not report["findings"]:
    sys.exit("FAIL: no findings on a generated hub-and-spoke network")
print("OK")
PY
