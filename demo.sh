#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The dlcall demo: a real arm64 program compressing data with zlib, run fully emulated under
# QEMU and with the host's zlib through dlcall; checks that the outputs are identical and prints
# the speedup. On a fresh Debian 12 machine with the .NET SDK it installs and builds everything
# it needs first (cached: the second run starts in seconds).
#
# Usage: ./demo.sh [MiB] [level]     (default: 16 MiB, level 6)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
mib=${1:-16}
level=${2:-6}

step() { printf '\n== %s\n' "$*"; }

step "packages, and QEMU with plugins and the syscall filter"
bash scripts/install-deps.sh
qemu=$(bash native/qemu/build-qemu.sh)/bin
step "libdlcall.so"
bash scripts/build-plugin.sh
step "arm64 guest root with Debian's zlib1g"
sysroot=$(bash scripts/guest-sysroot.sh arm64 zlib1g)
echo "$sysroot"

step "demo programs"
out=artifacts/demo
mkdir -p "$out"
cflags=(-std=gnu11 -O2 -Wall -Wextra -Werror -I native/include -I demo)
aarch64-linux-gnu-gcc "${cflags[@]}" -o "$out/zdemo-aarch64" demo/zdemo.c -ldl
gcc "${cflags[@]}" -o "$out/zdemo-x86_64" demo/zdemo.c -ldl
gcc "${cflags[@]}" -shared -fPIC -o "$out/zdemo_host.so" demo/zdemo_host.c -lz
host_lib=$(realpath "$out/zdemo_host.so")

step "native x86_64 (for reference)"
"$out/zdemo-x86_64" "$host_lib" "$mib" "$level"
step "arm64 under qemu-aarch64 with the dlcall plugin"
"$qemu/qemu-aarch64" -L "$sysroot" -plugin artifacts/plugin/libdlcall.so \
    "$out/zdemo-aarch64" "$host_lib" "$mib" "$level"
