#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Builds tests/crypto/evp.c for arm64 and riscv64 against Debian's own libcrypto and headers
# (libssl-dev from guest roots made by scripts/guest-sysroot.sh): artifacts/crypto/<isa>/evp.
# Also (re)generates the libcrypto stubs and thunks the tests run with (dlcall gen crypto).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

for pair in arm64:aarch64 riscv64:riscv64; do
    arch=${pair%%:*}
    isa=${pair##*:}
    root=$(bash scripts/guest-sysroot.sh "$arch" libssl-dev)
    out=artifacts/crypto/$isa
    mkdir -p "$out"
    # riscv64's libcrypto (trixie) needs glibc 2.38 symbols the bookworm cross toolchain's libc
    # lacks; the guest root's own libc serves them at run time.
    "$isa-linux-gnu-gcc" -std=gnu11 -O2 -Wall -Wextra -Werror \
        -I "$root/usr/include" -I "$root/usr/include/$isa-linux-gnu" \
        -o "$out/evp" tests/crypto/evp.c \
        -L "$root/usr/lib/$isa-linux-gnu" -Wl,--allow-shlib-undefined -l:libcrypto.so.3
    echo "$out/evp"
    # Caller-owned structs that libcrypto's initialisers fill (spec outOnlyFields, issue 12).
    "$isa-linux-gnu-gcc" -std=gnu11 -O2 -Wall -Wextra -Werror \
        -I "$root/usr/include" -I "$root/usr/include/$isa-linux-gnu" \
        -o "$out/x509ctx" tests/crypto/x509ctx.c \
        -L "$root/usr/lib/$isa-linux-gnu" -Wl,--allow-shlib-undefined -l:libcrypto.so.3
    echo "$out/x509ctx"
    # The generator lists every unavailable function (warnings): kept in a log unless it fails.
    ./dlcall gen crypto --arch "$isa" >"$out/gen.log" 2>&1 || { cat "$out/gen.log" >&2; exit 1; }
done
