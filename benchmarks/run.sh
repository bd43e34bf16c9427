#!/usr/bin/env bash
# Speed and memory of vpcelint against a bare json-c parse, jq and Python on generated show -json inputs.
# Not a test: it prints a table (and writes it to benchmarks/data/results.md); figures go to RESULTS.md.
# Inputs: a state and a plan of 10, 100, 500 MB and 1 GB, and 100 files of 10 MB. A full run takes about
# 12 minutes on 2 cores, ~9 GB of memory at its peak (bare json-c on 1 GB) and ~5 GB of disk.
#
#   benchmarks/run.sh [--skip-1gb] [--skip-many] [--skip-checkov] [--skip-whole-1gb]
#                     [--only-mixes] [--skip-mixes] [--timeout SECONDS]
#
# First, the network-heavy mixes of issue 15 (generate.py --mix): account (every VPC with its own 8 interface
# endpoints), org-hub (hubs of up to 2,000 spokes over a transit gateway, one file; and split, one file per
# VPC), app (the account mix of the table below, the state form), each at 10 MB, 100 MB and 1 GB, plus one
# 2,000-spoke hub as one file and as 2,001 files. For each: the bare json-c parse of the same file(s), then
# `vpcelint check` with --format json, text and sarif (time, peak RSS, report size), and the goal columns of
# issue 15. --timeout (default 300 s) stops a check that runs longer; its row says so.
#
# vpcelint is built as scripts/install.sh, the Dockerfile and action.yml build it (--static-swift-stdlib: the
# Swift runtime and Foundation linked in), so the figures are those of the binary users run (since run 15).
# SCRATCH_PATH (default .build) is the SwiftPM scratch path of the release build, built from a clean release
# directory each run: an incremental release build of SwiftPM 6.3 has linked stale code after a public struct's
# layout changed (a crash in the rules; RESULTS.md run 12). Generated data stays in benchmarks/data/
# (gitignored); delete it to regenerate. MB are 10^6 bytes, inputs and peak RSS alike (since run 12).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=$ROOT/benchmarks/data
SCRATCH=${SCRATCH_PATH:-.build}
SKIP_1GB=0 SKIP_MANY=0 SKIP_CHECKOV=0 SKIP_WHOLE_1GB=0 ONLY_MIXES=0 SKIP_MIXES=0 TIMEOUT=300
while [ $# -gt 0 ]; do
    arg=$1
    shift
    case $arg in
        --only-mixes) ONLY_MIXES=1 ;;
        --skip-mixes) SKIP_MIXES=1 ;;
        --timeout) TIMEOUT=${1:?--timeout needs seconds}; shift ;;
        --skip-1gb) SKIP_1GB=1 ;;
        --skip-many) SKIP_MANY=1 ;;
        --skip-checkov) SKIP_CHECKOV=1 ;;
        --skip-whole-1gb) SKIP_WHOLE_1GB=1 ;;  # jq / Python / json-c need ~7-13 GB of memory at 1 GB
        *) echo "unknown option $arg" >&2; exit 2 ;;
    esac
done
mkdir -p "$DATA"
cd "$ROOT"

need() {  # Debian packages for tools the script runs
    command -v "$1" > /dev/null && return
    echo "installing $2 (for $1)" >&2
    apt-get install -y -q "$2" > /dev/null
}
need jq jq
[ -x /usr/bin/time ] || need /usr/bin/time time
need taskset util-linux
need cc gcc

echo "== build (release, clean)" >&2
rm -rf "$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"
swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product vpcelint-bench > "$DATA/build.log" 2>&1 || {
    cat "$DATA/build.log" >&2; exit 1; }
BENCH=$ROOT/$SCRATCH/release/vpcelint-bench
CLI=""
if swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product vpcelint >> "$DATA/build.log" 2>&1; then
    CLI=$ROOT/$SCRATCH/release/vpcelint
else
    echo "vpcelint does not build now: timing vpcelint-bench (DocumentLoader + NetworkModel) only" >&2
fi
cc -O2 -o "$DATA/jsonc-parse" benchmarks/jsonc_parse.c $(pkg-config --cflags --libs json-c)

RESULTS=$DATA/results.md
: > "$RESULTS"
out() { echo "$*" | tee -a "$RESULTS"; }

if [ $SKIP_MIXES = 0 ]; then
    [ -n "$CLI" ] || { echo "the mixes need vpcelint itself, which does not build now" >&2; exit 1; }
    # shellcheck source=benchmarks/mixes.sh
    . "$ROOT/benchmarks/mixes.sh"
    [ $ONLY_MIXES = 0 ] || exit 0
fi

echo "== generate" >&2
gen() {  # form, MB, seed, file, [VPCs]
    [ -s "$4" ] || python3 benchmarks/generate.py --form "$1" --size-mb "$2" --seed "$3" --vpcs "${5:-40}" "$4"
}
SIZES="10 100 500"  # 500 MB: the size of issue 6's single-file goal
[ $SKIP_1GB = 1 ] || SIZES="$SIZES 1000"
for mb in $SIZES; do
    gen state "$mb" 1 "$DATA/state-${mb}mb.json"
    gen plan "$mb" 2 "$DATA/plan-${mb}mb.json"
done
if [ $SKIP_MANY = 0 ]; then
    mkdir -p "$DATA/many"
    for n in $(seq -w 1 100); do
        if [ $((10#$n % 4)) = 0 ]; then form=plan; else form=state; fi
        gen $form 10 "$((100 + 10#$n))" "$DATA/many/env$n.$form.json" 2
    done
fi

# run LABEL FILES... : wall seconds and peak RSS (KB) of one command, after one warm-up read of the input.
measure() {
    local log=$DATA/time.log
    /usr/bin/time -f "%e %M" -o "$log" "$@" > /dev/null 2> "$DATA/stderr.log" || {
        local code=$?
        # vpcelint check exits 1 when it finds something: a result, not a failure.
        local cli=0 arg
        for arg in "$@"; do [ -n "$CLI" ] && [ "$arg" = "$CLI" ] && cli=1; done
        if [ $code != 1 ] || [ $cli = 0 ]; then echo "FAILED ($code): $* $(head -c 300 "$DATA/stderr.log")" >&2; echo "- -"; return; fi
    }
    tail -1 "$log"
}

mb_of() { du -b "$@" | awk '{s += $1} END {printf "%.1f", s / 1e6}'; }

row() {  # size-label, tool, MB, wall, rss-kb, baseline MB/s
    local label=$1 tool=$2 mb=$3 wall=$4 rss=$5 base=$6
    if [ "$wall" = "-" ]; then out "| $label | $tool | failed | | | |"; return; fi
    awk -v l="$label" -v t="$tool" -v mb="$mb" -v w="$wall" -v r="$rss" -v b="$base" 'BEGIN {
        w = (w < 0.01 ? 0.01 : w); s = mb / w;
        printf "| %s | %s | %.2f s | %.0f MB/s | %.0f MB (%.1fx) | %s |\n", l, t, w, s, r * 1024 / 1e6, r * 1024 / 1e6 / mb,
            (b > 0 ? sprintf("%.2fx", s / b) : "-") }' | tee -a "$RESULTS"
}

out "Machine: $(nproc) cores, $(awk '/model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GB RAM; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
out "vpcelint: ${CLI:+vpcelint check (CLI) and }vpcelint-bench (DocumentLoader.loadAll with LoadOptions.awsNetwork, then NetworkModel)"
out ""
out "| input | tool | time | throughput | peak RSS (x file) | vs bare json-c |"
out "|---|---|---|---|---|---|"
for mb in $SIZES; do
    for form in state plan; do
        file=$DATA/$form-${mb}mb.json
        size=$(mb_of "$file")
        label="$form ${size} MB"
        cat "$file" > /dev/null  # page cache warm for every tool alike
        skip_whole=0
        [ "$mb" = 1000 ] && [ $SKIP_WHOLE_1GB = 1 ] && skip_whole=1
        base=0
        if [ $skip_whole = 0 ]; then
            read -r wall rss < <(measure "$DATA/jsonc-parse" "$file")
            base=$(awk -v mb="$size" -v w="$wall" 'BEGIN { print (w == "-" ? 0 : mb / w) }')
            row "$label" "bare json-c (whole tree)" "$size" "$wall" "$rss" "$base"
        fi
        if [ -n "$CLI" ]; then
            read -r wall rss < <(measure "$CLI" check --format json "$file")
            row "$label" "vpcelint check" "$size" "$wall" "$rss" "$base"
        fi
        read -r wall rss < <(measure "$BENCH" "$file")
        row "$label" "vpcelint-bench (load+model)" "$size" "$wall" "$rss" "$base"
        read -r wall rss < <(measure "$BENCH" --sequential "$file")
        row "$label" "vpcelint-bench, 1 thread" "$size" "$wall" "$rss" "$base"
        if [ $skip_whole = 0 ]; then
            read -r wall rss < <(measure jq . "$file")
            row "$label" "jq ." "$size" "$wall" "$rss" "$base"
            read -r wall rss < <(measure python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$file")
            row "$label" "python json.load" "$size" "$wall" "$rss" "$base"
        fi
    done
done

if [ $SKIP_MANY = 0 ]; then
    files=("$DATA"/many/*.json)
    size=$(mb_of "${files[@]}")
    out ""
    out "100 files, $size MB in all (75 states, 25 plans):"
    out ""
    out "| tool | cores | time | throughput | peak RSS |"
    out "|---|---|---|---|---|"
    for cores in 0 0,1; do
        n=$(echo $cores | tr ',' '\n' | wc -l)
        read -r wall rss < <(measure taskset -c $cores "$BENCH" "${files[@]}")
        awk -v n="$n" -v mb="$size" -v w="$wall" -v r="$rss" 'BEGIN {
            printf "| vpcelint-bench | %d | %.2f s | %.0f MB/s | %.0f MB |\n", n, w, mb / w, r * 1024 / 1e6 }' | tee -a "$RESULTS"
        if [ -n "$CLI" ]; then
            read -r wall rss < <(measure taskset -c $cores "$CLI" check --format json "${files[@]}")
            awk -v n="$n" -v mb="$size" -v w="$wall" -v r="$rss" 'BEGIN {
                printf "| vpcelint check | %d | %.2f s | %.0f MB/s | %.0f MB |\n", n, w, mb / w, r * 1024 / 1e6 }' | tee -a "$RESULTS"
        fi
    done
fi

if [ $SKIP_CHECKOV = 0 ]; then
    CHECKOV=$(command -v checkov || true)
    if [ -z "$CHECKOV" ]; then
        [ -x "$DATA/venv-checkov/bin/checkov" ] || {
            python3 -m venv "$DATA/venv-checkov" && "$DATA/venv-checkov/bin/pip" install -q checkov > "$DATA/pip.log" 2>&1
        } || true
        [ -x "$DATA/venv-checkov/bin/checkov" ] && CHECKOV=$DATA/venv-checkov/bin/checkov
    fi
    out ""
    if [ -n "$CHECKOV" ]; then
        file=$DATA/plan-10mb.json
        size=$(mb_of "$file")
        out "checkov $("$CHECKOV" --version 2>/dev/null) on plan $size MB (--framework terraform_plan):"
        /usr/bin/time -f "%e %M" -o "$DATA/time.log" "$CHECKOV" -f "$file" --framework terraform_plan --quiet --compact \
            > /dev/null 2>&1 || true
        read -r wall rss < <(tail -1 "$DATA/time.log")
        out "checkov: ${wall} s, peak RSS $((rss * 1024 / 1000000)) MB"
    else
        out "checkov: not installable here (pip install checkov failed; see benchmarks/data/pip.log)"
    fi
fi
out ""
out "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
