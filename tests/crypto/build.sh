#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Builds tests/crypto/evp.c for arm64 against Debian's own libcrypto and headers (libssl-dev from a
# guest root made by scripts/guest-sysroot.sh): artifacts/crypto/aarch64/evp. Also (re)generates
# the libcrypto stub and thunks the tests run with (dlcall gen crypto).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

root=$(bash scripts/guest-sysroot.sh arm64 libssl-dev)
out=artifacts/crypto/aarch64
mkdir -p "$out"
aarch64-linux-gnu-gcc -std=gnu11 -O2 -Wall -Wextra -Werror \
    -I "$root/usr/include" -I "$root/usr/include/aarch64-linux-gnu" \
    -o "$out/evp" tests/crypto/evp.c \
    -L "$root/usr/lib/aarch64-linux-gnu" -Wl,-rpath-link,"$root/usr/lib/aarch64-linux-gnu" -l:libcrypto.so.3
echo "$out/evp"
# The generator lists every unavailable function (warnings): kept in a log unless it fails.
./dlcall gen crypto --arch aarch64 >"$out/gen.log" 2>&1 || { cat "$out/gen.log" >&2; exit 1; }
