#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The dlcall demo: zlib's minigzip from Debian's zlib source, built for arm64 and linked against
# libz.so.1 like any distribution binary, compresses the same data fully emulated under QEMU
# (Debian's arm64 zlib) and with zlib passed through to the host (dlcall run); the outputs must
# be identical and the speedup is printed, next to the native x86_64 time. On a fresh Debian 12
# machine with the .NET SDK it installs and builds everything first (cached: seconds next time).
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
step "libdlcall.so, the zlib stub (dlcall gen) and the test programs"
bash scripts/build-plugin.sh
./dlcall gen zlib --arch aarch64 >/dev/null
bash tests/zlib/build.sh
work=artifacts/demo
mkdir -p "$work"
[ -f "$work/input-$mib" ] || artifacts/zlib/host/gen-input "$mib" "$work/input-$mib"

run() { # label, output file, command...
    local label=$1 out=$2 start end
    shift 2
    start=$(date +%s.%N)
    "$@" -"$level" <"$work/input-$mib" >"$out"
    end=$(date +%s.%N)
    printf '%-34s %8.2f s   %s bytes\n' "$label" "$(echo "$end - $start" | bc)" "$(stat -c %s "$out")" >&2
    echo "$end - $start" | bc
}

step "minigzip -$level on $mib MiB of mixed data"
native=$(run "native x86_64 (host zlib)" "$work/native.gz" artifacts/zlib/x86_64/minigzip)
emulated=$(run "arm64, fully emulated" "$work/emulated.gz" ./dlcall run --passthrough none -- artifacts/zlib/aarch64/minigzip)
passthrough=$(run "arm64, zlib passed through" "$work/passthrough.gz" ./dlcall run --passthrough zlib -- artifacts/zlib/aarch64/minigzip)
cmp -s "$work/emulated.gz" "$work/passthrough.gz" && same=yes || same=NO
printf '\nidentical output: %s\nspeedup with dlcall: %.1fx   (dlcall vs native: %.2fx)\n' "$same" \
    "$(echo "$emulated / $passthrough" | bc -l)" "$(echo "$passthrough / $native" | bc -l)"
[ "$same" = yes ]
