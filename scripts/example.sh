#!/usr/bin/env bash
# Builds vpcelint and lints the bundled broken hub-and-spoke scenario (one defect per rule): the findings,
# the fixes and the monthly savings. Extra arguments go to `vpcelint check`, e.g. `--format json`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
swift build -c release

scenario=fixtures/hub-spoke-broken
status=0
.build/release/vpcelint check "$scenario" "$@" || status=$?

# 1 means findings at or above --fail-on: what this scenario is for. Anything else is a real failure.
if [ "$status" -eq 1 ]; then
  echo "example: vpcelint exited 1: findings at or above --fail-on, as expected for $scenario" >&2
  exit 0
fi
exit "$status"
