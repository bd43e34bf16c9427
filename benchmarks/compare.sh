#!/usr/bin/env bash
# Side by side: `vpcelint check --format json` of another commit and of the working tree, run one after the
# other on the same inputs, so that a speed claim holds on a machine whose speed drifts (this 2 vCPU VM's did
# by up to a third within minutes: RESULTS.md run 13). Not a test: it prints a table.
#
#   benchmarks/compare.sh [--runs N] REV [INPUT...]
#
# REV is built (release, clean) in a temporary git worktree; the working tree's build is clean too (see
# run.sh on SwiftPM's incremental release builds). Each input is checked N times (default 3) by each binary,
# alternating; the table gives each one's fastest and slowest wall time and largest peak RSS (MB of 10^6
# bytes), the ratio of the fastest times, and whether the two JSON reports are byte-identical (they should
# be, for a change meant only to be faster). INPUT is a file or a directory (its *.json files); by default
# org-hub 10 and 100 MB, account 100 MB and the 2,000-spoke hub as one file and as 2,001 files, from
# benchmarks/data (made by run.sh --only-mixes). Exit 2 when an input is missing; 1 when a report differs.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=$ROOT/benchmarks/data
usage() {
    echo "usage: benchmarks/compare.sh [--runs N] REV [INPUT...]" >&2
    exit 2
}
RUNS=3
if [ "${1:-}" = --runs ]; then
    [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || usage
    RUNS=$2
    shift 2
fi
[ $# -ge 1 ] || usage
REV=$1
shift
INPUTS=("$@")
[ ${#INPUTS[@]} -gt 0 ] || INPUTS=("$DATA/mix-org-hub-10mb.json" "$DATA/mix-org-hub-100mb.json"
    "$DATA/mix-account-100mb.json" "$DATA/mix-hub2000.json" "$DATA/mix-hub2000-split")
for input in "${INPUTS[@]}"; do
    [ -e "$input" ] || { echo "compare.sh: $input is missing (benchmarks/run.sh --only-mixes makes the mixes)" >&2; exit 2; }
done
cd "$ROOT"
OLD_SHA=$(git rev-parse --verify --quiet "$REV^{commit}") || { echo "compare.sh: $REV names no commit" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'git worktree remove --force "$WORK/tree" > /dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

# Built as scripts/install.sh, the Dockerfile and action.yml build what users run: the Swift runtime and
# Foundation linked in.
BUILD=(-c release --static-swift-stdlib --product vpcelint)
echo "== build $REV (${OLD_SHA:0:7}) and the working tree (release, clean)" >&2
git worktree add --detach "$WORK/tree" "$OLD_SHA" > /dev/null 2>&1
(cd "$WORK/tree" && swift build "${BUILD[@]}" > "$WORK/old-build.log" 2>&1) || {
    cat "$WORK/old-build.log" >&2; exit 1; }
OLD=$WORK/tree/.build/release/vpcelint
rm -rf "$(swift build -c release --scratch-path .build-compare --show-bin-path)"
swift build "${BUILD[@]}" --scratch-path .build-compare > "$WORK/new-build.log" 2>&1 || {
    cat "$WORK/new-build.log" >&2; exit 1; }
NEW=$ROOT/.build-compare/release/vpcelint

# run BINARY REPORT INPUT...: prints "seconds KiB"
run() {
    local binary=$1 report=$2
    shift 2
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$binary" check --format json --output "$report" "$@" > /dev/null 2>&1 || true
    tail -1 "$WORK/time"
}

differ=0
echo "Machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); $REV (${OLD_SHA:0:7}) against the working tree at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Package.swift || echo ' + changes'); $RUNS runs each"
echo
echo "| input | $REV | working tree | fastest: new / old | reports |"
echo "|---|---|---|---|---|"
for input in "${INPUTS[@]}"; do
    if [ -d "$input" ]; then files=("$input"/*.json); else files=("$input"); fi
    old_times=() new_times=() old_rss=0 new_rss=0
    for _ in $(seq "$RUNS"); do
        read -r seconds kib < <(run "$OLD" "$WORK/old.json" "${files[@]}")
        old_times+=("$seconds")
        [ "$kib" -gt "$old_rss" ] && old_rss=$kib
        read -r seconds kib < <(run "$NEW" "$WORK/new.json" "${files[@]}")
        new_times+=("$seconds")
        [ "$kib" -gt "$new_rss" ] && new_rss=$kib
    done
    same=identical
    cmp -s "$WORK/old.json" "$WORK/new.json" || { same="**differ**"; differ=1; }
    python3 - "$(basename "$input")" "$old_rss" "$new_rss" "$same" "${old_times[*]}" "${new_times[*]}" <<'EOF'
import sys
name, old_rss, new_rss, same, old, new = sys.argv[1:]
old = sorted(map(float, old.split())); new = sorted(map(float, new.split()))
mb = lambda kib: int(kib) * 1024 / 1e6
print(f"| {name} | {old[0]:.2f}-{old[-1]:.2f} s, {mb(old_rss):.0f} MB | {new[0]:.2f}-{new[-1]:.2f} s, "
      f"{mb(new_rss):.0f} MB | {new[0] / old[0]:.2f}x | {same} |")
EOF
done
exit $differ
