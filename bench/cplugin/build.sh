#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the minimal C dlcall plugin, the performance floor for libdlcall.so.
# Usage: bench/cplugin/build.sh [OUTDIR]   (default: <repo>/artifacts/cplugin)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$repo/artifacts/cplugin}
mkdir -p "$out"

# No -z defs: the QEMU plugin API is resolved from the QEMU executable at load.
qemu=$(bash "$repo/native/qemu/build-qemu.sh" --print-dir) ||
    { echo "cplugin: build QEMU first (native/qemu/build-qemu.sh)" >&2; exit 1; }
# shellcheck disable=SC2046
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -shared -fPIC -I "$qemu/include" $(pkg-config --cflags glib-2.0) \
    -o "$out/libdlcall_min.so" "$here/dlcall_min.c" -ldl
echo "$out/libdlcall_min.so"
