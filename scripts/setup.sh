#!/usr/bin/env bash
# Installs what building vpcelint needs besides Swift: json-c (Debian libjson-c-dev, found with
# pkg-config). Does nothing when pkg-config already finds json-c, so it is safe to run every time.
set -euo pipefail

die() { echo "setup: $*" >&2; exit 1; }

command -v swift >/dev/null 2>&1 || die "swift is not on PATH; install a Swift 6 toolchain from https://www.swift.org/install/linux/"

if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists json-c; then
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "json-c not found by pkg-config and apt-get is missing; install json-c's development files and pkg-config"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "json-c is missing; run as root or install sudo: apt-get install libjson-c-dev pkg-config"
  sudo="sudo"
fi

echo "setup: installing libjson-c-dev and pkg-config with apt-get" >&2
$sudo apt-get update
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libjson-c-dev pkg-config
pkg-config --exists json-c || die "libjson-c-dev is installed but pkg-config does not find json-c"
