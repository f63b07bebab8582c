#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Puts libpng's own test program and images where the libpng differential tests (PngTests) find
# them, from Debian 12's libpng1.6 source package (1.6.39-2+deb12u5, the guest's and the host's):
#
#   OUTDIR/aarch64/pngtest   upstream's pngtest.c, built for arm64 against the guest root's
#                            libpng16.so.16 (libpng-dev) and headers, unmodified
#   OUTDIR/x86_64/pngtest    the same for the host (the native column of `dlcall bench programs`)
#   OUTDIR/pngtest.png       the image `make check` runs pngtest on
#   OUTDIR/pngsuite/         contrib/pngsuite (the PngSuite images, good and bad)
#   OUTDIR/testpngs/         contrib/testpngs (every color type and bit depth)
#
# Debian's own arm64 pngfix (libpng-tools) runs from the guest root. Usage:
# tests/png/build.sh [OUTDIR]      (default: artifacts/png)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache="${DLCALL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dlcall}"
out=${1:-$root/artifacts/png}
die() { echo "png-tests: $*" >&2; exit 1; }
# shellcheck source=../../scripts/lib/apt.sh
. "$root/scripts/lib/apt.sh"

src=$(fetch_source libpng1.6 1.6.39-2+deb12u5 pngtest.c)
sysroot=$(bash "$root/scripts/guest-sysroot.sh" arm64 libpng-dev libpng-tools) || die "no arm64 guest root"
mkdir -p "$out/aarch64" "$out/x86_64"
cp "$src/pngtest.png" "$out/pngtest.png"
rm -rf "$out/pngsuite" "$out/testpngs"
cp -r "$src/contrib/pngsuite" "$out/pngsuite"
cp -r "$src/contrib/testpngs" "$out/testpngs"
if [ ! -x "$out/aarch64/pngtest" ] || [ "$src/pngtest.c" -nt "$out/aarch64/pngtest" ] || [ "$0" -nt "$out/aarch64/pngtest" ]; then
    # The guest root's libraries by path: its libc.so script names absolute paths of that root.
    aarch64-linux-gnu-gcc -O2 -I "$sysroot/usr/include/libpng16" -I "$sysroot/usr/include" \
        -I "$sysroot/usr/include/aarch64-linux-gnu" -o "$out/aarch64/pngtest" "$src/pngtest.c" \
        -Wl,--allow-shlib-undefined "$sysroot/usr/lib/aarch64-linux-gnu/libpng16.so.16" \
        "$sysroot/usr/lib/aarch64-linux-gnu/libz.so.1" -lm
fi
# dlcall's program: guest I/O on memory libpng allocated (PngTests).
if [ ! -x "$out/aarch64/pngmem" ] || [ "$here/pngmem.c" -nt "$out/aarch64/pngmem" ]; then
    aarch64-linux-gnu-gcc -O2 -I "$sysroot/usr/include/libpng16" -I "$sysroot/usr/include" \
        -I "$sysroot/usr/include/aarch64-linux-gnu" -o "$out/aarch64/pngmem" "$here/pngmem.c" \
        -Wl,--allow-shlib-undefined "$sysroot/usr/lib/aarch64-linux-gnu/libpng16.so.16" \
        "$sysroot/usr/lib/aarch64-linux-gnu/libz.so.1"
fi
if [ ! -x "$out/x86_64/pngtest" ] || [ "$src/pngtest.c" -nt "$out/x86_64/pngtest" ] || [ "$0" -nt "$out/x86_64/pngtest" ]; then
    gcc -O2 -I /usr/include/libpng16 -o "$out/x86_64/pngtest" "$src/pngtest.c" -lpng16 -lz -lm
fi
echo "$out"
