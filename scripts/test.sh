#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine with Swift: installs json-c when missing, builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
# House style (STYLE.md §8): the toolchain's formatter with the committed .swift-format.
swift format lint --strict --recursive Sources Tests
swift build
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift test 2>&1 | tee "$log"
# Swift Testing's summary: "✔ Test run with N tests in M suites passed after ...".
passed=$(sed -n 's/.*Test run with \([0-9][0-9]*\) tests\{0,1\} in .* passed after.*/\1/p' "$log" | tail -n 1)
[ -n "$passed" ] || { echo "test: no passing Swift Testing summary found" >&2; exit 1; }

# Fuzzing (issue 7): in CI, a bounded minute of libFuzzer + AddressSanitizer over the whole pipeline after the
# tests; a crash fails the run and leaves its input in Tests/FuzzRegressions for the tests to replay.
if [ "${VPCELINT_SKIP_FUZZ:-}" = 1 ]; then
    echo "fuzz: SKIPPED (VPCELINT_SKIP_FUZZ=1)"
elif [ "${CI:-}" = true ]; then
    scripts/fuzz.sh "${VPCELINT_FUZZ_SECONDS:-60}"
else
    echo "fuzz: not run outside CI (CI=true runs it; or scripts/fuzz.sh SECONDS)"
fi

echo "tests: ${passed} passed, 0 failed"
