#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Puts libjpeg-turbo's own test images where the libjpeg differential tests (JpegTests) and the
# djpeg/cjpeg bench workloads find them, from Debian 12's libjpeg-turbo source package
# (1:2.1.5-2, the guest's and the host's libjpeg62-turbo):
#
#   OUTDIR/testimages/   testimages/ (testorig.jpg, testorig.ppm, testimgint.jpg, testimgari.jpg,
#                        testorig12.jpg, the BMPs...)
#   OUTDIR/large.ppm     testorig.ppm tiled 16x16 (3632x2384): the bench input
#   OUTDIR/large.jpg     large.ppm by the host's cjpeg -quality 90
#
# Debian's own arm64 cjpeg, djpeg and jpegtran (libjpeg-turbo-progs) run from the guest root.
# Usage: tests/jpeg/build.sh [OUTDIR]      (default: artifacts/jpeg)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache="${DLCALL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dlcall}"
out=${1:-$root/artifacts/jpeg}
die() { echo "jpeg-tests: $*" >&2; exit 1; }
# shellcheck source=../../scripts/lib/apt.sh
. "$root/scripts/lib/apt.sh"

src=$(fetch_source libjpeg-turbo 1:2.1.5-2 testimages/testorig.jpg)
bash "$root/scripts/guest-sysroot.sh" arm64 libjpeg-turbo-progs libjpeg62-turbo-dev >/dev/null || die "no arm64 guest root"
mkdir -p "$out"
rm -rf "$out/testimages"
cp -r "$src/testimages" "$out/testimages"
if [ ! -f "$out/large.jpg" ] || [ "$0" -nt "$out/large.jpg" ]; then
    python3 "$here/tile_ppm.py" "$src/testimages/testorig.ppm" 16 "$out/large.ppm"
    command -v cjpeg >/dev/null || die "no host cjpeg (libjpeg-turbo-progs)"
    cjpeg -quality 90 -outfile "$out/large.jpg" "$out/large.ppm"
fi
echo "$out"
