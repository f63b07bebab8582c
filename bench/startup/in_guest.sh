#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Start-up inside the guest: CPU time from QEMU's start to the guest's main (and exit), for a
# program linked against libm (bench/startup/mainprobe.c): bare QEMU; with the dlcall plugin
# loaded (what --passthrough none adds); with the plugin and the libm stub (what passing libm
# through adds). Issue 17's target: the stub's share at most 5 ms. perf stat task-clock,
# the sides alternating within each round, medians.
#
# Usage: bench/startup/in_guest.sh [--isa aarch64] [--rounds 15] [--qemu QEMU_DIR]
# Needs the plugin and the libm stub built (./test.sh 'FullyQualifiedName~LibmTests').
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
isa=aarch64 rounds=15 qdir=""
while [ $# -gt 0 ]; do
    case "$1" in
    --isa) isa="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --qemu) qdir="$2"; shift 2 ;;
    -h|--help) sed -n '3,11p' "$0"; exit 0 ;;
    *) echo "in_guest: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
die() { echo "in_guest: $*" >&2; exit 1; }
[ -n "$qdir" ] || qdir=$(bash "$root/native/qemu/build-qemu.sh" --print-dir) || die "QEMU is not built"
qemu="$qdir/bin/qemu-$isa"
art="$root/artifacts"
plugin="$art/plugin/libdlcall.so" stubs="$art/thunks/$isa/lib"
for f in "$qemu" "$plugin" "$stubs/libm.so.6"; do [ -e "$f" ] || die "missing $f: build first"; done
probe="$art/bench-startup/$isa/mainprobe"
mkdir -p "$(dirname "$probe")"
src="$root/bench/startup/mainprobe.c"
[ "$probe" -nt "$src" ] || "$isa-linux-gnu-gcc" -O2 -Wall -Werror -o "$probe" "$src" -lm
deb_arch=$isa; [ "$isa" = aarch64 ] && deb_arch=arm64
sysroot=$(bash "$root/scripts/guest-sysroot.sh" "$deb_arch" zlib1g) || die "no guest root"

sides=(bare plugin stub)
run_side() {
    local extra=()
    case $1 in
    plugin) extra=(-plugin "$plugin") ;;
    stub) extra=(-plugin "$plugin" -E "LD_LIBRARY_PATH=$stubs") ;;
    esac
    perf stat -x, -e task-clock -- "$qemu" -L "$sysroot" "${extra[@]}" "$probe" 2>&1 >/dev/null |
        awk -F, '$3 == "task-clock" { print $1 }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for s in "${sides[@]}"; do run_side "$s" >/dev/null; done # warm the page cache
for r in $(seq "$rounds"); do
    order=("${sides[@]}"); [ $((r % 2)) = 0 ] && order=(stub plugin bare)
    for s in "${order[@]}"; do run_side "$s" >>"$tmp/$s"; done
done
b=$(median <"$tmp/bare") p=$(median <"$tmp/plugin") s=$(median <"$tmp/stub")
echo "in_guest ($isa, $rounds rounds, load $(uptime | sed 's/.*load average: //')): CPU ms to main, medians:"
awk -v b="$b" -v p="$p" -v s="$s" 'BEGIN {
    printf "  bare QEMU %.1f; plugin %.1f (+%.1f); plugin + libm stub %.1f (+%.1f over the plugin)\n", b, p, p - b, s, s - p }'
