#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Builds the memfuncs test programs for aarch64: memfuncs_check (the guest's memory functions
# against byte loops; run plain and with libdlcall_memfuncs.so preloaded) and memfuncs_bench
# (per-call cost of the guest's functions and of the host's through the fast path, per size).
# The interposer itself is built with the stubs' guest runtime (`dlcall gen`).
#
# Usage: tests/memfuncs/build.sh [OUTDIR]      (default: artifacts/memfuncs)
# Output: OUTDIR/aarch64/memfuncs_check, OUTDIR/aarch64/memfuncs_bench
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/artifacts/memfuncs}
isa=aarch64
mkdir -p "$out/$isa"
# -fno-builtin, no loop-to-call patterns: the programs' reference loops stay loops, and every
# memcpy they test is a real call through the PLT, which is what the interposer sees.
flags=(-std=gnu11 -O2 -Wall -Wextra -Werror -pthread -fno-builtin -fno-tree-loop-distribute-patterns
       -I "$root/native/include")
for p in memfuncs_check memfuncs_bench; do
    dst="$out/$isa/$p"
    if [ ! -e "$dst" ] || [ "$here/$p.c" -nt "$dst" ] || [ "$0" -nt "$dst" ]; then
        "$isa-linux-gnu-gcc" "${flags[@]}" -o "$dst.tmp" "$here/$p.c" -ldl
        mv -f "$dst.tmp" "$dst"
    fi
done
echo "memfuncs: built into $out"
