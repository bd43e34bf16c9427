#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine with Swift: installs json-c when missing, builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
swift build
swift test
