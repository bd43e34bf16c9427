#!/usr/bin/env bash
# Plans benchmarks/plan-shape with real Terraform for N spokes and writes its `terraform show -json`:
#
#   benchmarks/plan_shape.sh 400 OUT.json
#
# Needs terraform and the hashicorp/aws 5.100.0 provider in the filesystem mirror $TF_PLUGIN_MIRROR (default
# /opt/tf-plugins). Planning 100 spokes takes ~20 s, 400 ~3 min (Terraform's own plan grows faster than
# linearly; 1,000 did not finish in 16 minutes). The figures are in benchmarks/RESULTS.md run 21.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 SPOKES OUT.json" >&2; exit 2; }
spokes=$1
out=$(realpath -m "$2")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mirror=${TF_PLUGIN_MIRROR:-/opt/tf-plugins}
work=$(mktemp -d "${TMPDIR:-/tmp}/vpcelint-plan-shape.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$here/plan-shape/." "$work/"
cat > "$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/*/*"]
  }
  direct { exclude = ["registry.terraform.io/*/*"] }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
cd "$work"
terraform init -input=false -no-color > init.log 2>&1 || { cat init.log >&2; exit 1; }
terraform plan -input=false -refresh=false -no-color -var "spokes=$spokes" -out tfplan > plan.log 2>&1 \
  || { tail -20 plan.log >&2; exit 1; }
terraform show -json tfplan > "$out"
echo "wrote $out ($(wc -c < "$out") bytes)"
