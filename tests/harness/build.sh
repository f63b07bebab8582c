#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the QEMU stand-in that drives libdlcall.so without QEMU.
# Usage: tests/harness/build.sh [OUTDIR]   (default: <repo>/artifacts/harness)
# Produces qemu_harness and qemu_harness_nofilter (no syscall-filter API).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$repo/artifacts/harness}
mkdir -p "$out"

# -rdynamic: the plugin finds the QEMU API in the main program with dlsym.
cflags=(-std=gnu11 -O2 -Wall -Wextra -Werror -rdynamic -pthread)
# Every .c here is one part of the one program (harness.h lists what they share).
srcs=("$here"/*.c)
gcc "${cflags[@]}" -o "$out/qemu_harness" "${srcs[@]}" -ldl
gcc "${cflags[@]}" -DNO_FILTER_API -o "$out/qemu_harness_nofilter" "${srcs[@]}" -ldl
echo "$out/qemu_harness"
echo "$out/qemu_harness_nofilter"
