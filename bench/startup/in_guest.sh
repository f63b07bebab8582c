#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Start-up inside the guest: CPU time from QEMU's start to the guest's main (and exit), for a
# program linked against one library, libm unless --lib says (bench/startup/mainprobe.c): bare QEMU; with the dlcall plugin
# loaded (what --passthrough none adds); with the plugin and the stub (what passing it
# through adds). Issue 17's target: the stub's share at most 5 ms. perf stat task-clock,
# the sides alternating within each round, medians.
#
# --base DIR adds a side with the stubs of DIR (another build's artifacts/thunks/<isa>/lib), to
# compare two stub builds within the same rounds.
#
# Usage: bench/startup/in_guest.sh [--isa aarch64] [--rounds 15] [--qemu QEMU_DIR] [--base DIR] [--lib libm|zlib|crypto]
# Needs the plugin and the stub built (./test.sh 'FullyQualifiedName~LibmTests', or dlcall gen <lib>).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
isa=aarch64 rounds=15 qdir="" base="" lib=libm
while [ $# -gt 0 ]; do
    case "$1" in
    --isa) isa="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --qemu) qdir="$2"; shift 2 ;;
    --base) base="$2"; shift 2 ;;
    --lib) lib="$2"; shift 2 ;;
    -h|--help) sed -n '3,14p' "$0"; exit 0 ;;
    *) echo "in_guest: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
die() { echo "in_guest: $*" >&2; exit 1; }
[ -n "$qdir" ] || qdir=$(bash "$root/native/qemu/build-qemu.sh" --print-dir) || die "QEMU is not built"
qemu="$qdir/bin/qemu-$isa"
art="$root/artifacts"
plugin="$art/plugin/libdlcall.so" stubs="$art/thunks/$isa/lib"
# --lib: the probe's library, one of its functions, the Debian package of the real one.
case $lib in
libm) soname=libm.so.6 sym=sin pkg=libc6 ;;
zlib) soname=libz.so.1 sym=zlibVersion pkg=zlib1g ;;
crypto) soname=libcrypto.so.3 sym=OPENSSL_init_crypto pkg=libssl3 ;;
*) die "--lib: libm, zlib or crypto, not '$lib'" ;;
esac
for f in "$qemu" "$plugin" "$stubs/$soname" ${base:+"$base/$soname"}; do [ -e "$f" ] || die "missing $f: build first"; done
deb_arch=$isa; [ "$isa" = aarch64 ] && deb_arch=arm64
sysroot=$(bash "$root/scripts/guest-sysroot.sh" "$deb_arch" "$pkg") || die "no guest root"
probe="$art/bench-startup/$isa/mainprobe-$lib"
mkdir -p "$(dirname "$probe")"
src="$root/bench/startup/mainprobe.c"
[ "$probe" -nt "$src" ] || "$isa-linux-gnu-gcc" -O2 -Wall -Werror -fno-builtin -DPROBE_SYMBOL="$sym" -o "$probe" "$src" \
    -L"$sysroot/usr/lib/$isa-linux-gnu" -L"$sysroot/lib/$isa-linux-gnu" -Wl,--allow-shlib-undefined "-l:$soname"

sides=(bare plugin stub ${base:+base})
run_side() {
    local extra=()
    case $1 in
    plugin) extra=(-plugin "$plugin") ;;
    stub) extra=(-plugin "$plugin" -E "LD_LIBRARY_PATH=$stubs") ;;
    base) extra=(-plugin "$plugin" -E "LD_LIBRARY_PATH=$base") ;;
    esac
    perf stat -x, -e task-clock -- "$qemu" -L "$sysroot" "${extra[@]}" "$probe" 2>&1 >/dev/null |
        awk -F, '$3 == "task-clock" { print $1 }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for s in "${sides[@]}"; do run_side "$s" >/dev/null; done # warm the page cache
for r in $(seq "$rounds"); do
    order=("${sides[@]}")
    [ $((r % 2)) = 0 ] && for i in "${!sides[@]}"; do order[i]=${sides[${#sides[@]} - 1 - i]}; done
    for s in "${order[@]}"; do run_side "$s" >>"$tmp/$s"; done
done
b=$(median <"$tmp/bare") p=$(median <"$tmp/plugin") s=$(median <"$tmp/stub")
echo "in_guest ($isa, $lib, $rounds rounds, load $(uptime | sed 's/.*load average: //')): CPU ms to main, medians:"
awk -v b="$b" -v p="$p" -v s="$s" -v l="$lib" 'BEGIN {
    printf "  bare QEMU %.1f; plugin %.1f (+%.1f); plugin + %s stub %.1f (+%.1f over the plugin)\n", b, p, p - b, l, s, s - p }'
if [ -n "$base" ]; then
    awk -v p="$p" -v s="$(median <"$tmp/base")" -v d="$base" 'BEGIN { printf "  plugin + the stub of %s %.1f (+%.1f over the plugin)\n", d, s, s - p }'
fi
