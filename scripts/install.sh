#!/usr/bin/env bash
# Builds vpcelint in release mode and installs it:
#
#   scripts/install.sh [PREFIX]    PREFIX/bin/vpcelint, PREFIX defaulting to /usr/local; also
#                                  PREFIX/share/man/man1/vpcelint.1 (docs/man/vpcelint.1)
#
# The Swift runtime is linked into the binary (--static-swift-stdlib), so the installed vpcelint needs no Swift
# toolchain, only json-c and mimalloc (Debian/Ubuntu libjson-c5 and libmimalloc2.0, which the -dev packages of
# the build pull in). DESTDIR=DIR installs below DIR, for packaging. Uses sudo when PREFIX is not writable.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "install: $*" >&2; exit 1; }

[ $# -le 1 ] || { echo "usage: scripts/install.sh [PREFIX]" >&2; exit 2; }
prefix="${1:-/usr/local}"
destination="${DESTDIR:-}$prefix"

command -v swift >/dev/null 2>&1 || die "swift is not on PATH; install a Swift 6 toolchain from https://www.swift.org/install/linux/"
missing=()
{ command -v pkg-config >/dev/null 2>&1 && pkg-config --exists json-c; } || missing+=(libjson-c-dev pkg-config)
# mimalloc ships no pkg-config file; its header tells whether the -dev package is there.
[ -e /usr/include/mimalloc.h ] || missing+=(libmimalloc-dev)
[ "${#missing[@]}" -eq 0 ] || die "missing build packages; on Debian or Ubuntu: apt-get update && apt-get install ${missing[*]}"

build=(swift build -c release --static-swift-stdlib --product vpcelint)
"${build[@]}"
binary="$("${build[@]}" --show-bin-path)/vpcelint"
[ -x "$binary" ] || die "the build wrote no $binary"

sudo=""
target="$destination"
while [ ! -e "$target" ]; do target=$(dirname "$target"); done
if [ ! -w "$target" ] && [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "$destination is not writable; run as root or give a PREFIX you can write"
    sudo="sudo"
fi

$sudo install -d "$destination/bin"
$sudo install -m 0755 "$binary" "$destination/bin/vpcelint"
echo "install: $destination/bin/vpcelint"
if [ -f docs/man/vpcelint.1 ]; then
    $sudo install -d "$destination/share/man/man1"
    $sudo install -m 0644 docs/man/vpcelint.1 "$destination/share/man/man1/vpcelint.1"
    echo "install: $destination/share/man/man1/vpcelint.1"
fi
case ":$PATH:" in
*":$prefix/bin:"*) ;;
*) echo "install: $prefix/bin is not on PATH; add it: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
