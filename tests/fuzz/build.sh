#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the fuzzing and stress programs of tests/fuzz.
#
# Usage: tests/fuzz/build.sh [OUTDIR]   (default: <repo>/artifacts/fuzz)
# Output:
#   OUTDIR/filter_fuzzer              libFuzzer target over the plugin's filter (host, clang,
#                                     -fsanitize=fuzzer,address; plays QEMU with tests/harness)
#   OUTDIR/aarch64/randcalls          guest: a million random dlcalls (static)
#   OUTDIR/aarch64/memmap             guest: host and guest allocations interleaved (static)
#   OUTDIR/host/libdlcall_memlib.so   host library memmap allocates through
# The zlib stress guest (zstress) is one of tests/zlib/programs, built by tests/zlib/build.sh.
# Outputs older than their sources are rebuilt. Environment: CC_AARCH64, HOSTCC, FUZZCC.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/artifacts/fuzz}
mkdir -p "$out/aarch64" "$out/host"
out=$(cd "$out" && pwd)

cc_a64=${CC_AARCH64:-aarch64-linux-gnu-gcc}
hostcc=${HOSTCC:-gcc}
fuzzcc=${FUZZCC:-clang}
engine=("$here"/engine/*.c)
deps=("$here"/engine/*.h "$here/build.sh" "$root"/native/include/dlcall/*.h
      "$root/tests/e2e/common/e2e.h" "$root"/tests/harness/*.[ch])

stale() { # output sources...
    local o=$1 s
    shift
    [ -e "$o" ] || return 0
    for s in "$@" "${deps[@]}"; do [ "$s" -nt "$o" ] && return 0; done
    return 1
}

build() { # output compiler flags... (sources are the arguments ending in .c)
    local o=$1
    shift
    "$@" -o "$o.tmp" || { rm -f "$o.tmp"; echo "fuzz: FAILED to build $o" >&2; exit 1; }
    mv -f "$o.tmp" "$o"
    echo "fuzz: built $o" >&2
}

warn=(-Wall -Wextra -Werror)
inc=(-I "$root/native/include")

# libFuzzer needs clang's runtime (Debian: libclang-rt-dev, in scripts/install-deps.sh).
fuzz_srcs=("$here/filter_fuzzer.c" "${engine[@]}" "$root/tests/harness/qemu_api.c")
if stale "$out/filter_fuzzer" "${fuzz_srcs[@]}"; then
    # -rdynamic: the plugin finds the QEMU API stand-ins with dlsym, as in qemu_harness.
    build "$out/filter_fuzzer" "$fuzzcc" -std=gnu11 -O1 -g "${warn[@]}" -fsanitize=fuzzer,address \
        -rdynamic -pthread -I "$root/tests/harness" "${inc[@]}" "${fuzz_srcs[@]}" -ldl
fi

# randcalls runs the engine; memmap needs only the memlib header.
if stale "$out/aarch64/randcalls" "$here/guest/randcalls.c" "${engine[@]}"; then
    build "$out/aarch64/randcalls" "$cc_a64" -std=gnu11 -O2 "${warn[@]}" -static "${inc[@]}" \
        "$here/guest/randcalls.c" "${engine[@]}"
fi
if stale "$out/aarch64/memmap" "$here/guest/memmap.c" "$here/hostlib/memlib.h"; then
    build "$out/aarch64/memmap" "$cc_a64" -std=gnu11 -O2 "${warn[@]}" -static "${inc[@]}" \
        "$here/guest/memmap.c"
fi

if stale "$out/host/libdlcall_memlib.so" "$here/hostlib/memlib.c" "$here/hostlib/memlib.h"; then
    build "$out/host/libdlcall_memlib.so" "$hostcc" -std=gnu11 -O2 "${warn[@]}" -shared -fPIC \
        "$here/hostlib/memlib.c"
fi
echo "$out"
