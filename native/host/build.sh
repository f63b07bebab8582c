#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build libdlcall_host.so, the host runtime for guest callbacks
# (native/host/dlcall_host.h).
#
# Usage: native/host/build.sh [OUTDIR]
#   OUTDIR defaults to artifacts/host in the repository.
# Rebuilds only when a source, a header it uses or this script is newer
# than the library. Environment: HOSTCC (default gcc).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/artifacts/host}
mkdir -p "$out"
lib="$out/libdlcall_host.so"
srcs=("$here"/*.c "$here"/*.S)

newest=$(find "$here" "$root/native/include" -type f \
             \( -name '*.[chS]' -o -name build.sh \) -printf '%T@ %p\n' |
         sort -n | tail -n1 | cut -d' ' -f2-)
if [ -e "$lib" ] && [ ! "$newest" -nt "$lib" ]; then
    exit 0
fi

# -z nodelete: trampolines and the thread-exit destructor point into the
# library, so dlclose must never unmap it.
"${HOSTCC:-gcc}" -std=gnu11 -O2 -Wall -Wextra -Werror -fPIC -shared -pthread \
    -fvisibility=hidden -I "$root/native/include" \
    -Wl,-z,nodelete -Wl,-z,noexecstack -Wl,--no-undefined \
    -o "$lib.tmp" "${srcs[@]}"
mv -f "$lib.tmp" "$lib"
echo "host runtime: $lib"
