#!/usr/bin/env bash
# Periodic audit (cron, a scheduled pipeline) over a folder of pulled state files:
#
#   for env in dev stg prd; do (cd "envs/$env" && terraform state pull) > "states/$env.tfstate"; done
#   examples/audit.sh states/ audits/
#
# or over a synced backend bucket, each terraform.tfstate named by its workspace (README, "A state bucket"):
#
#   aws s3 sync s3://STATE-BUCKET states/ && examples/audit.sh states/ audits/
#
# writes audits/<UTC date>/report.{txt,json,md,sarif} and junit.xml, points audits/latest at it, and prints
# the text report. Exit status is vpcelint's: 0 clean, 1 findings at or above --fail-on or avoidable cost
# above VPCELINT_FAIL_ON_WASTE, 2 bad input or usage.
#
# Environment: VPCELINT (the binary, default `vpcelint` on PATH), VPCELINT_FAIL_ON (default error),
# VPCELINT_FAIL_ON_WASTE (an amount per month in the report currency; unset: no money gate),
# AUDIT_DATE (default: today, UTC). Extra arguments go to `vpcelint check` (e.g. --hub shared).
set -euo pipefail

usage() { echo "usage: $0 STATE_DIR OUT_DIR [vpcelint check options...]" >&2; exit 2; }
[ "$#" -ge 2 ] || usage
states=$1
out=$2
shift 2
[ -d "$states" ] || { echo "audit: $states is not a directory" >&2; exit 2; }

vpcelint=${VPCELINT:-vpcelint}
date=${AUDIT_DATE:-$(date -u +%Y-%m-%d)}
run="$out/$date"
mkdir -p "$run"

gate=(--fail-on "${VPCELINT_FAIL_ON:-error}")
if [ -n "${VPCELINT_FAIL_ON_WASTE:-}" ]; then
  gate+=(--fail-on-waste "$VPCELINT_FAIL_ON_WASTE")
fi

status=0
"$vpcelint" check "${gate[@]}" "$@" \
  --output "$run/report.txt" \
  --output "json=$run/report.json" \
  --output "markdown=$run/report.md" \
  --output "sarif=$run/report.sarif" \
  --output "junit=$run/junit.xml" \
  "$states" || status=$?

if [ "$status" -ge 2 ]; then
  rmdir "$run" 2>/dev/null || true
  echo "audit: vpcelint failed (exit $status); no report for $date" >&2
  exit "$status"
fi

ln -sfn "$date" "$out/latest"
cat "$run/report.txt"
echo "audit: reports in $run (exit $status)" >&2
exit "$status"
