#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A/B of two QEMU builds on the libm sin+exp loop (tests/libm/programs/mathloop.c), fully
# emulated and with libm passed through: what native/qemu/tb-lookup-by-pointer.patch buys.
# CPU time (perf stat task-clock) per iteration, start-up removed: each round runs every
# configuration with N iterations and with 0, and takes the difference / N. The builds
# alternate within every round (this machine is shared and its load moves); medians.
#
# Usage: bench/tb_lookup_ab.sh --old QEMU_DIR [--new QEMU_DIR] [--isa aarch64] [--rounds 7] [--n 2000000]
#   QEMU_DIR: an install directory of native/qemu/build-qemu.sh (holding bin/qemu-<isa>);
#   --new defaults to the current build (build-qemu.sh --print-dir).
# Needs the plugin, the libm stub and mathloop built (./test.sh 'FullyQualifiedName~LibmTests').
# Writes bench/results/tb-lookup-<isa>-<UTC timestamp>.md and prints it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
old="" new="" isa=aarch64 rounds=7 n=2000000
while [ $# -gt 0 ]; do
    case "$1" in
    --old) old="$2"; shift 2 ;;
    --new) new="$2"; shift 2 ;;
    --isa) isa="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --n) n="$2"; shift 2 ;;
    -h|--help) sed -n '3,13p' "$0"; exit 0 ;;
    *) echo "tb_lookup_ab: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
die() { echo "tb_lookup_ab: $*" >&2; exit 1; }
[ -n "$old" ] || die "--old QEMU_DIR is required (the build without the patch)"
[ -n "$new" ] || new=$(bash "$root/native/qemu/build-qemu.sh" --print-dir) || die "QEMU is not built"
for d in "$old" "$new"; do [ -x "$d/bin/qemu-$isa" ] || die "no $d/bin/qemu-$isa"; done
art="$root/artifacts"
prog="$art/libm/$isa/mathloop" plugin="$art/plugin/libdlcall.so" stubs="$art/thunks/$isa/lib"
for f in "$prog" "$plugin" "$stubs/libm.so.6"; do [ -e "$f" ] || die "missing $f: build first"; done
deb_arch=$isa; [ "$isa" = aarch64 ] && deb_arch=arm64
sysroot=$(bash "$root/scripts/guest-sysroot.sh" "$deb_arch" zlib1g) || die "no guest root"

# CPU milliseconds of one run: qemu(build) mode iterations
cpu_ms() {
    local qemu="$1/bin/qemu-$isa" extra=()
    [ "$2" = passthrough ] && extra=(-plugin "$plugin" -E "LD_LIBRARY_PATH=$stubs")
    perf stat -x, -e task-clock -- "$qemu" -L "$sysroot" "${extra[@]}" "$prog" "$3" 2>&1 >/dev/null |
        awk -F, '$3 == "task-clock" { print $1 }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for r in $(seq "$rounds"); do
    for mode in emulated passthrough; do
        for build in old new; do
            dir=$old; [ $build = new ] && dir=$new
            full=$(cpu_ms "$dir" $mode "$n"); base=$(cpu_ms "$dir" $mode 0)
            awk -v f="$full" -v b="$base" -v n="$n" 'BEGIN { printf "%.2f\n", (f - b) * 1e6 / n }' >>"$tmp/$mode-$build"
            echo "$base" >>"$tmp/start-$mode-$build"
        done
    done
    echo "tb_lookup_ab: round $r/$rounds done" >&2
done

m() { median <"$tmp/$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b / a }'; }
eo=$(m emulated-old) en=$(m emulated-new) po=$(m passthrough-old) pn=$(m passthrough-new)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$root/bench/results/tb-lookup-$isa-$stamp.md"
{
    echo "# tb_lookup by pointer: A/B on the libm loop ($isa, $stamp)"
    echo
    echo "bench/tb_lookup_ab.sh --rounds $rounds --n $n; CPU ns per sin+exp iteration (task-clock,"
    echo "start-up removed), medians of $rounds interleaved rounds. Load: $(uptime | sed 's/.*load average: //')"
    echo
    echo "- old: \`$old\`"
    echo "- new: \`$new\`"
    echo
    echo "| run | old ns/iter | new ns/iter | new/old |"
    echo "|---|---|---|---|"
    echo "| fully emulated | $eo | $en | $(ratio "$eo" "$en") |"
    echo "| libm passed through | $po | $pn | $(ratio "$po" "$pn") |"
    echo "| speedup (emulated / passed through) | $(ratio "$po" "$eo")x | $(ratio "$pn" "$en")x | |"
    echo
    echo "Start-up CPU ms (N = 0), medians: emulated $(m start-emulated-old) / $(m start-emulated-new),"
    echo "passed through $(m start-passthrough-old) / $(m start-passthrough-new) (old / new)."
    echo
    echo "Per round (ns/iter, old new): emulated $(paste -d' ' "$tmp/emulated-old" "$tmp/emulated-new" | tr '\n' ';')"
    echo "passed through $(paste -d' ' "$tmp/passthrough-old" "$tmp/passthrough-new" | tr '\n' ';')"
} >"$out"
cat "$out"
