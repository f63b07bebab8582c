#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the libm test programs (tests/libm/programs) for the guests, dynamically linked
# against the cross toolchain's libm (at run time the guest root's real libm.so.6, or
# dlcall's stub), and natively for the benchmark's reference.
#
# Usage: tests/libm/build.sh [OUTDIR]      (default: artifacts/libm)
# Output: OUTDIR/<isa>/mathdiff, mathloop, fallbackthreads    isa: aarch64 riscv64 x86_64
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-$here/../../artifacts/libm}

for isa in aarch64 riscv64 x86_64; do
    cc=${isa}-linux-gnu-gcc
    [ "$isa" = x86_64 ] && cc=gcc
    mkdir -p "$out/$isa"
    for p in mathdiff mathloop fallbackthreads; do
        src="$here/programs/$p.c"
        if [ ! "$out/$isa/$p" -nt "$src" ]; then
            "$cc" -O2 -Wall -Werror -o "$out/$isa/$p" "$src" -lm
        fi
    done
done
echo "libm-tests: programs in $(cd "$out" && pwd)" >&2
