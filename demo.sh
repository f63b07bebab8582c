#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The dlcall demo: Debian's own arm64 pigz, unmodified (taken from Debian's arm64 package into a
# guest root), compresses the same data fully emulated under QEMU (Debian's arm64 zlib and libm)
# and with zlib and libm passed through to the host (dlcall run); the outputs must be identical
# and the speedup is printed, next to the host's own x86_64 pigz. On a fresh Debian 12 machine
# with the .NET SDK it installs and builds everything first (cached: seconds next time).
#
# Usage: ./demo.sh [MiB] [level]     (default: 32 MiB, level 9)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
mib=${1:-32}
level=${2:-9}

step() { printf '\n== %s\n' "$*"; }

step "packages, and QEMU with plugins and the syscall filter"
bash scripts/install-deps.sh
export DLCALL_QEMU_DIR
DLCALL_QEMU_DIR=$(bash native/qemu/build-qemu.sh)
step "libdlcall.so, the zlib and libm stubs (dlcall gen), Debian's arm64 pigz (dlcall sysroot)"
bash scripts/build-plugin.sh
for lib in zlib libm; do ./dlcall gen "$lib" --arch aarch64 >/dev/null; done
root=$(./dlcall sysroot --arch arm64 pigz)
work=artifacts/demo
mkdir -p "$work"
[ -x "$work/gen-input" ] || gcc -O2 -o "$work/gen-input" tests/zlib/gen-input.c
[ -f "$work/input-$mib" ] || "$work/gen-input" "$mib" "$work/input-$mib"

run() { # label, output file, command...
    local label=$1 out=$2 start end
    shift 2
    start=$(date +%s.%N)
    "$@" -"$level" <"$work/input-$mib" >"$out"
    end=$(date +%s.%N)
    printf '%-38s %8.2f s   %s bytes\n' "$label" "$(echo "$end - $start" | bc)" "$(stat -c %s "$out")" >&2
    echo "$end - $start" | bc
}

step "pigz -$level on $mib MiB of mixed data"
native=$(run "native x86_64 pigz" "$work/native.gz" pigz -c)
emulated=$(run "arm64 pigz, fully emulated" "$work/emulated.gz" ./dlcall run --passthrough none --sysroot "$root" -- "$root/usr/bin/pigz" -c)
passthrough=$(run "arm64 pigz, zlib+libm passed through" "$work/passthrough.gz" ./dlcall run --passthrough zlib,libm --sysroot "$root" -- "$root/usr/bin/pigz" -c)
cmp -s "$work/emulated.gz" "$work/passthrough.gz" && cmp -s "$work/native.gz" "$work/passthrough.gz" && same=yes || same=NO
printf '\nidentical output: %s\nspeedup with dlcall: %.1fx   (dlcall vs native: %.2fx)\n' "$same" \
    "$(echo "$emulated / $passthrough" | bc -l)" "$(echo "$passthrough / $native" | bc -l)"
[ "$same" = yes ]
