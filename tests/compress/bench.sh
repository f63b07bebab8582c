#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# One indicative timing of `xz -6` (Debian's arm64 xz, liblzma) and `zstd -19` (zstd's CLI on
# libzstd.so.1, tests/compress/build.sh) compressing SIZE MiB of the mixed input, three ways:
# fully emulated, with the library passed through by `dlcall run`, and Debian's native x86_64
# program. Checks that all three write the same bytes. Prints a Markdown table.
#
# Usage: tests/compress/bench.sh [SIZE_MIB]     (default 16; needs ./test.sh's builds)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
size=${1:-16}
work="$root/artifacts/compress/bench"
mkdir -p "$work"
sysroot=$(bash "$root/scripts/guest-sysroot.sh" arm64 xz-utils zstd libzstd1)
input="$work/mixed-$size.bin"
[ -f "$input" ] || "$root/artifacts/compress/host/gen-input" "$size" "$input"

seconds() { # out-file command...: runs it once, prints wall seconds
    local out=$1 t0 t1
    shift
    t0=$(date +%s.%N)
    "$@" >"$out"
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc | awk '{printf "%.2f", $1}'
}
row() { # name lib native-cmd guest-cmd...
    local name=$1 lib=$2 native=$3 e p n same
    shift 3
    e=$(seconds "$work/$name.emulated" "$root/dlcall" run --passthrough none --sysroot "$sysroot" -- "$@")
    p=$(seconds "$work/$name.passthrough" "$root/dlcall" run --passthrough "$lib" --sysroot "$sysroot" -- "$@")
    # shellcheck disable=SC2086
    n=$(seconds "$work/$name.native" $native)
    same=no
    cmp -s "$work/$name.emulated" "$work/$name.passthrough" && cmp -s "$work/$name.emulated" "$work/$name.native" && same=yes
    echo "| $name | $e | $p | $n | $same |"
}

echo "# liblzma and libzstd through dlcall (aarch64 guest), indicative"
echo
echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, shared and loaded; $(date -u '+%Y-%m-%d %H:%M') UTC."
echo "Input: $size MiB of mixed data (tests/zlib/gen-input.c). One run each, wall seconds (dlcall run's own start included)."
echo
echo "| command | emulated (s) | passthrough (s) | native x86_64 (s) | same bytes |"
echo "|---|---|---|---|---|"
row "xz -6" lzma "xz -6 -c $input" "$sysroot/usr/bin/xz" -6 -c "$input"
row "zstd -19" zstd "zstd -19 -c $input" "$root/artifacts/compress/aarch64/zstd" -19 -c "$input"
