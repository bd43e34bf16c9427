#!/usr/bin/env bash
# Regenerates docs/man/vpcelint.1 from the argument parser with swift-argument-parser's generate-manual plugin
# (it builds the package, runs `vpcelint --experimental-dump-help` and writes mdoc). Run it after changing a
# command, an option or a help text; ManualPageTests fails while the committed page misses one.
#
#   scripts/generate-manual.sh [--configuration debug|release]    (default debug: reuses `swift build`)
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=debug
if [ "${1:-}" = --configuration ]; then configuration="${2:?--configuration needs debug or release}"; fi
# The page's date is the day of the last change to the commands, not of the run: regenerating an unchanged
# interface gives the same file.
date=$(git log -1 --format=%cs -- Sources/vpcelint 2>/dev/null || true)
swift package plugin generate-manual --configuration "$configuration" ${date:+--date "$date"}
generated=.build/plugins/GenerateManual/outputs/vpcelint/vpcelint.1
[ -f "$generated" ] || { echo "generate-manual: the plugin wrote no $generated" >&2; exit 1; }
install -D -m 0644 "$generated" docs/man/vpcelint.1
echo "generate-manual: docs/man/vpcelint.1"
