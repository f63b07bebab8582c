#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Builds the stub-loading guest programs (tests/tls: stubload, stubcall) for
# every guest ISA, dynamic (they dlopen the stubs).
#
# Usage: tests/tls/build.sh [OUTDIR]      OUTDIR defaults to artifacts/tls
# Output: OUTDIR/<isa>/stubload, OUTDIR/<isa>/stubcall
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/artifacts/tls}
declare -A cc=([aarch64]=aarch64-linux-gnu-gcc [riscv64]=riscv64-linux-gnu-gcc [x86_64]=gcc)

for isa in aarch64 riscv64 x86_64; do
    mkdir -p "$out/$isa"
    for prog in stubload stubcall; do
        dst="$out/$isa/$prog"
        if [ ! -e "$dst" ] || [ "$here/$prog.c" -nt "$dst" ] || [ "$0" -nt "$dst" ]; then
            "${cc[$isa]}" -std=gnu11 -O2 -Wall -Wextra -Werror -pthread -o "$dst.tmp" "$here/$prog.c" -ldl
            mv -f "$dst.tmp" "$dst"
        fi
    done
done
echo "tls: built into $out"
