#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# One indicative timing of `xz -6` (Debian's arm64 xz, liblzma) and `zstd -19` (zstd's CLI on
# libzstd.so.1, tests/compress/build.sh) compressing SIZE MiB of the mixed input, three ways:
# fully emulated, with the library passed through by `dlcall run`, and Debian's native x86_64
# program. Checks that all three write the same bytes. Prints a Markdown table of wall and CPU seconds.
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

seconds() { # out-file command...: runs it once, prints "wall cpu" seconds (cpu: user + system)
    local out=$1
    shift
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >"$out"
    awk '{printf "%.1f | %.1f", $1, $2 + $3}' "$work/time"
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
echo "Input: $size MiB of mixed data (tests/zlib/gen-input.c). One run each; wall and CPU (user + system) seconds,"
echo "dlcall run's own start included (it execs QEMU, so the CPU time is QEMU's). On a loaded machine the CPU time is the steadier figure."
echo
echo "| command | emulated wall | emulated CPU | passthrough wall | passthrough CPU | native x86_64 wall | native CPU | same bytes |"
echo "|---|---|---|---|---|---|---|---|"
row "xz -6" lzma "xz -6 -c $input" "$sysroot/usr/bin/xz" -6 -c "$input"
row "zstd -19" zstd "zstd -19 -c $input" "$root/artifacts/compress/aarch64/zstd" -19 -c "$input"
