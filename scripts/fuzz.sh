#!/usr/bin/env bash
# Fuzzes the whole pipeline (bytes -> loader -> model -> every rule -> every reporter, baseline, trace and
# consolidation;
# Sources/VPCELintKit/FuzzPipeline.swift; an input framed as FuzzInput.swift describes also carries a
# .vpcelint.yml text (or a baseline) and flags of check, trace and consolidate, applied through RunSettings) with libFuzzer and AddressSanitizer for SECONDS (default 60).
#
#   scripts/fuzz.sh [SECONDS]        VPCELINT_FUZZ_JOBS=N runs N workers (default 1)
#
# Seeds: fixtures/**/*.json, Tests/Corpus/public and Tests/FuzzRegressions; the growing corpus is kept in
# .fuzz/corpus between runs. A crash, leak or timeout is saved in .fuzz/crashes and copied to
# Tests/FuzzRegressions/, which `swift test` replays (FuzzRegressionTests); the script then exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
jobs="${VPCELINT_FUZZ_JOBS:-1}"
scratch="${VPCELINT_FUZZ_SCRATCH:-.build-fuzz}"

scripts/setup.sh >/dev/null
# Release code with coverage instrumentation and ASan in every module (C included); -DVPCELINT_FUZZ swaps the
# replayer's main for libFuzzer's LLVMFuzzerTestOneInput.
# Retried: a source edited during the build (several people work in this tree) fails it once.
for attempt in 1 2 3 4 5; do
    swift build -c release --scratch-path "$scratch" --product vpcelint-fuzz \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -DVPCELINT_FUZZ -Xswiftc -g \
        -Xcc -fsanitize=fuzzer-no-link,address && break
    [ "$attempt" = 5 ] && exit 1
    sleep 20
done
binary="$scratch/release/vpcelint-fuzz"

mkdir -p .fuzz/corpus .fuzz/crashes .fuzz/seeds
rm -f .fuzz/seeds/*
n=0
while IFS= read -r -d '' seed; do
    n=$((n + 1))
    cp "$seed" ".fuzz/seeds/$n.json"
done < <(find fixtures Tests/Corpus/public Tests/FuzzRegressions -type f \( -name '*.json' -o -name '*.tfstate' -o -path '*FuzzRegressions/*' \) -print0 2>/dev/null)

# -max_len covers the largest seed (0.5 MB); -rss_limit_mb bounds a run (json-c trees take ~12x the input);
# detect_leaks: json-c objects leaked by the loader count as crashes.
status=0
if [ "$jobs" -gt 1 ]; then parallel=(-jobs="$jobs" -workers="$jobs"); else parallel=(); fi
ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:${ASAN_OPTIONS:-}" \
    "$binary" .fuzz/corpus .fuzz/seeds \
    -dict=scripts/fuzz/terraform.dict -max_len=524288 -len_control=100 -timeout=25 -rss_limit_mb=4096 \
    -max_total_time="$seconds" -artifact_prefix=.fuzz/crashes/ -print_final_stats=1 "${parallel[@]}" \
    >.fuzz/last-run.log 2>&1 || status=$?
cat fuzz-*.log >>.fuzz/last-run.log 2>/dev/null && rm -f fuzz-*.log || true
grep -Ev '^#[0-9]+\s+(NEW|REDUCE|pulse)' .fuzz/last-run.log | tail -40 || true

found=0
for crash in .fuzz/crashes/*; do
    [ -f "$crash" ] || continue
    name="$(basename "$crash")"
    case "$name" in
    slow-unit-*)
        # Slower than 10 s: not a failure (a loaded CI machine makes many), but worth a look.
        echo "fuzz: slow input .fuzz/crashes/$name"
        continue
        ;;
    esac
    if [ ! -f "Tests/FuzzRegressions/$name" ]; then
        cp "$crash" "Tests/FuzzRegressions/$name"
        echo "fuzz: new regression input Tests/FuzzRegressions/$name (replayed by swift test)"
        found=1
    fi
done
if [ "$found" = 1 ] || [ "$status" != 0 ]; then
    echo "fuzz: FAILED (libFuzzer status $status); see .fuzz/last-run.log" >&2
    exit 1
fi
echo "fuzz: no crash in ${seconds}s ($(grep -E 'stat::number_of_executed_units' .fuzz/last-run.log | awk '{s+=$2} END {print s+0}') executions)"
