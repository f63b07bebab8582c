#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Puts bzip2's own test files where the libbz2 differential tests (Bz2Tests) find them:
#
#   OUTDIR/samples/sample{1,2,3}.bz2, .ref
#                           from Debian 12's bzip2 source package (1.0.8-5): upstream's `make test`
#                           compresses sampleN.ref with -N and expects sampleN.bz2 byte for byte,
#                           and decompresses sampleN.bz2 to sampleN.ref
#
# The programs under test are Debian's own: bzip2/bunzip2 from a guest root (package bzip2) and
# python3's _bz2. Usage: tests/bz2/build.sh [OUTDIR]      (default: artifacts/bz2)
# The source comes from `apt-get source bzip2=1.0.8-5` into $DLCALL_CACHE/src, reused when present.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache="${DLCALL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dlcall}"
out=${1:-$root/artifacts/bz2}
die() { echo "bz2-tests: $*" >&2; exit 1; }
# shellcheck source=../../scripts/lib/apt.sh
. "$root/scripts/lib/apt.sh"

src=$(fetch_source bzip2 1.0.8-5 sample3.ref)
mkdir -p "$out/samples"
for n in 1 2 3; do
    for ext in bz2 ref; do
        cmp -s "$src/sample$n.$ext" "$out/samples/sample$n.$ext" 2>/dev/null || cp "$src/sample$n.$ext" "$out/samples/"
    done
done
echo "$out/samples"
