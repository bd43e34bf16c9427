#!/usr/bin/env bash
# Memory-safety figures over the fixtures and the public corpus:
#   1. the test suite built with AddressSanitizer (LeakSanitizer on): every fixture scenario, every corpus
#      file (CorpusTests), the fuzz regressions and the mutated fixtures (WrongShapeTests);
#   2. the release `vpcelint check` under valgrind memcheck over every fixture scenario and every corpus file,
#      counting definite leaks (json-c objects included: valgrind's preloaded malloc serves every library)
#      and invalid accesses.
#
#   scripts/sanitizers.sh            both
#   scripts/sanitizers.sh asan       only ASan      scripts/sanitizers.sh valgrind   only valgrind
#   VPCELINT_ASAN_FILTER=REGEX       limit the ASan test run (default: the whole suite)
#
# Exits 1 when either finds anything; the last lines give the figures (also in .sanitizers/summary.txt).
set -uo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
mkdir -p .sanitizers
summary=.sanitizers/summary.txt
: >"$summary"
failed=0
scripts/setup.sh >/dev/null

# swift build, retried: a source edited during the build (several people work in this tree) fails it once.
build() {
    local log="$1"
    shift
    for attempt in 1 2 3 4 5; do
        swift build "$@" >"$log" 2>&1 && return 0
        sleep 20
    done
    tail -20 "$log"
    exit 1
}

if [ "$what" = all ] || [ "$what" = asan ]; then
    echo "== AddressSanitizer: swift test"
    build .sanitizers/asan-build.log --build-tests --scratch-path .build-asan -Xswiftc -sanitize=address \
        -Xcc -fsanitize=address
    filter=()
    [ -n "${VPCELINT_ASAN_FILTER:-}" ] && filter=(--filter "$VPCELINT_ASAN_FILTER")
    ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:${ASAN_OPTIONS:-}" \
        LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}" \
        swift test --skip-build --scratch-path .build-asan "${filter[@]}" >.sanitizers/asan-test.log 2>&1
    status=$?
    reports=$(grep -c "ERROR: AddressSanitizer\|ERROR: LeakSanitizer" .sanitizers/asan-test.log)
    tests=$(grep -Eo "Test run with [0-9]+ tests" .sanitizers/asan-test.log | tail -1)
    echo "asan: ${tests:-no test run}, exit $status, $reports AddressSanitizer/LeakSanitizer reports" | tee -a "$summary"
    if [ "$status" != 0 ] || [ "$reports" != 0 ]; then
        grep -A30 "ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|✘" .sanitizers/asan-test.log | head -60
        failed=1
    fi
fi

if [ "$what" = all ] || [ "$what" = valgrind ]; then
    echo "== valgrind memcheck: vpcelint check"
    # valgrind 3.19 cannot read the DWARF 5 that release builds emit: ask for DWARF 4.
    build .sanitizers/valgrind-build.log -c release --scratch-path .build-valgrind --product vpcelint \
        -Xswiftc -g -Xswiftc -debug-info-format=dwarf -Xswiftc -dwarf-version=4 -Xcc -gdwarf-4
    binary=.build-valgrind/release/vpcelint
    runs=0
    bad=0
    run() {
        local name="$1"
        shift
        local log=".sanitizers/valgrind-$(echo "$name" | tr '/ ' '__').log"
        # valgrind's preloaded malloc wins over mimalloc's, so json-c's allocations are all tracked. Mismatched
        # frees are not counted: the only ones reported are inside libstdc++'s std::string (_M_mutate, both
        # the allocation and the free) in the Swift runtime's type demangler, with mimalloc also exporting
        # operator new/delete; ASan, with its own allocator, checks real new/free mismatches.
        # VPCELINT_FREE_INPUTS=1: the CLI otherwise leaves its documents to the process exit, and valgrind
        # cannot follow Swift's spare-bit enum pointers into them, so it would call them lost.
        VPCELINT_FREE_INPUTS=1 valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
            --show-mismatched-frees=no --log-file="$log" \
            "$binary" check --format json "$@" \
            >/dev/null 2>&1
        local status=$?
        runs=$((runs + 1))
        local errors definite
        errors=$(grep -Eo 'ERROR SUMMARY: [0-9]+' "$log" | grep -Eo '[0-9]+$')
        definite=$(grep -Eo 'definitely lost: [0-9,]+ bytes' "$log" | grep -Eo '[0-9,]+' | tr -d , || echo 0)
        # vpcelint's own exit codes are 0, 1 (findings) and 2 (refused input); 99 is valgrind's.
        if [ "$status" = 99 ] || [ "${errors:-1}" != 0 ]; then
            bad=$((bad + 1))
            echo "valgrind: $name: $errors errors, definitely lost ${definite:-0} bytes ($log)"
        fi
    }
    for scenario in fixtures/*/; do
        files=("$scenario"*.json)
        [ -e "${files[0]}" ] || continue
        run "$(basename "$scenario")" "${files[@]}"
    done
    while IFS= read -r -d '' file; do
        run "corpus/${file#Tests/Corpus/public/}" "$file"
    done < <(find Tests/Corpus/public -type f -name '*.json' -print0 | sort -z)
    while IFS= read -r -d '' file; do
        run "regression/$(basename "$file")" "$file"
    done < <(find Tests/FuzzRegressions -type f ! -name README.md -print0 | sort -z)
    # Inputs of 1 MiB or more are mapped rather than read (InputFile): a generated state and its raw form.
    [ -s .sanitizers/mapped-2mb.json ] ||
        python3 benchmarks/generate.py --form state --size-mb 2 --seed 5 --vpcs 4 .sanitizers/mapped-2mb.json
    run "mapped/state-2mb" .sanitizers/mapped-2mb.json
    [ -s .sanitizers/mapped-2mb.plan.json ] ||
        python3 benchmarks/generate.py --form plan --size-mb 2 --seed 6 --vpcs 4 .sanitizers/mapped-2mb.plan.json
    run "mapped/plan-2mb" .sanitizers/mapped-2mb.plan.json
    echo "valgrind: $runs runs (every fixture scenario, corpus file, fuzz regression and two mapped inputs), $bad with errors or" \
        "definite leaks" \
        | tee -a "$summary"
    [ "$bad" = 0 ] || failed=1
fi
exit "$failed"
