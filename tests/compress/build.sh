#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Builds what the liblzma and libzstd differential tests run besides Debian's own programs:
#
#   OUTDIR/<isa>/zstd       zstd's own command line program from Debian 12's source package
#                           (zstd 1.5.4+dfsg2-5), cross-compiled for the guest and linked against
#                           the guest root's libzstd.so.1 dynamically (upstream's `zstd-dll`
#                           target): Debian's zstd binary embeds libzstd statically, so it never
#                           loads libzstd.so.1 and passthrough could not reach it
#   OUTDIR/<isa>/lzma_alloc, OUTDIR/<isa>/zstd_alloc
#                           dlcall's programs (programs/*.c) giving the libraries guest allocators
#   OUTDIR/host/gen-input   the deterministic input generator (tests/zlib/gen-input.c)
#   OUTDIR/host/datagen     zstd's test-data generator (for its tests/playTests.sh, by hand)
#
# Usage: tests/compress/build.sh [OUTDIR]      (default: artifacts/compress)
#   OUTDIR/aarch64/xz-tests/test_*
#                           xz's own liblzma tests (Debian 12's xz-utils 5.4.1 source)
# Sources come from `apt-get source zstd=1.5.4+dfsg2-5 xz-utils=5.4.1-1+deb12u1` (deb-src
# bookworm is added when missing) into $DLCALL_CACHE/src, reused when present. Incremental.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache="${DLCALL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dlcall}"
out=${1:-$root/artifacts/compress}
mkdir -p "$out"
out=$(cd "$out" && pwd)
die() { echo "compress-tests: $*" >&2; exit 1; }

# shellcheck source=../../scripts/lib/apt.sh
. "$root/scripts/lib/apt.sh"

version=1.5.4+dfsg2-5
src=$(fetch_source zstd "$version" programs/zstdcli.c)

# The CLI's sources as upstream's `zstd-dll` target compiles them: programs/*.c and xxhash.c
# (libzstd.so.1 keeps its xxhash symbols to itself); also pool.c and threading.c, which this
# version's target forgets (1.5.5 adds them), and the three allocators pool.c needs
# (zstd-cli-alloc.c), with libzstd's headers.
prog_src=("$src"/programs/*.c "$src/lib/common/xxhash.c" "$src/lib/common/pool.c" "$src/lib/common/threading.c"
          "$here/zstd-cli-alloc.c")
cflags=(-O2 -DXXH_NAMESPACE=ZSTD_ -DZSTD_MULTITHREAD -DBACKTRACE_ENABLE=0
        -I "$src/lib" -I "$src/lib/common" -I "$src/programs")
for isa in aarch64 riscv64; do
    case $isa in aarch64) arch=arm64 ;; riscv64) arch=riscv64 ;; esac
    sysroot=$(bash "$root/scripts/guest-sysroot.sh" "$arch" xz-utils zstd libzstd1) || die "no $arch guest root"
    libdir=
    for d in "$sysroot/lib/$isa-linux-gnu" "$sysroot/usr/lib/$isa-linux-gnu"; do
        [ -e "$d/libzstd.so.1" ] && libdir=$d && break
    done
    [ -n "$libdir" ] || die "no libzstd.so.1 in $sysroot"
    cc="$isa-linux-gnu-gcc"
    dst="$out/$isa/zstd"
    config="cc=$cc $("$cc" -dumpfullversion) src=$version flags=${cflags[*]} lib=$(readlink -f "$libdir/libzstd.so.1")"
    if [ -x "$dst" ] && [ "$(cat "$dst.config" 2>/dev/null)" = "$config" ] && [ "$dst" -nt "$here/build.sh" ]; then continue; fi
    mkdir -p "$out/$isa"
    echo "compress-tests: building $dst (zstd $version, dynamically linked to libzstd.so.1)" >&2
    "$cc" "${cflags[@]}" -pthread -o "$dst.tmp" "${prog_src[@]}" -L "$libdir" -l:libzstd.so.1 -Wl,-rpath-link,"$libdir" ||
        { rm -f "$dst.tmp"; die "FAILED to build $dst"; }
    readelf -d "$dst.tmp" | grep -q 'NEEDED.*\[libzstd\.so\.1\]' || { rm -f "$dst.tmp"; die "$dst does not need libzstd.so.1"; }
    mv -f "$dst.tmp" "$dst"
    echo "$config" >"$dst.config"
done

# dlcall's own programs (programs/*.c: the allocator callbacks), against the guest roots' real
# libraries, with the host's headers of the same API (copied: the host's /usr/include would bring
# the host's libc headers along).
inc="$out/include"
mkdir -p "$inc"
for h in lzma.h lzma zstd.h zdict.h zstd_errors.h; do
    [ -e "/usr/include/$h" ] || die "no /usr/include/$h (install liblzma-dev and libzstd-dev)"
    cp -r "/usr/include/$h" "$inc/"
done
for isa in aarch64 riscv64; do
    case $isa in aarch64) arch=arm64 ;; riscv64) arch=riscv64 ;; esac
    sysroot=$(bash "$root/scripts/guest-sysroot.sh" "$arch" xz-utils zstd libzstd1)
    for prog in lzma_alloc zstd_alloc; do
        dst="$out/$isa/$prog"
        soname=$([ "$prog" = lzma_alloc ] && echo liblzma.so.5 || echo libzstd.so.1)
        libdir=$(dirname "$(find "$sysroot/lib/$isa-linux-gnu" "$sysroot/usr/lib/$isa-linux-gnu" -name "$soname" 2>/dev/null | head -n1)")
        if [ -x "$dst" ] && [ "$dst" -nt "$here/programs/$prog.c" ] && [ "$dst" -nt "$here/build.sh" ]; then continue; fi
        "$isa-linux-gnu-gcc" -std=gnu11 -O2 -Wall -Werror -I "$inc" -o "$dst.tmp" "$here/programs/$prog.c" \
            -L "$libdir" "-l:$soname" -Wl,-rpath-link,"$libdir" || { rm -f "$dst.tmp"; die "FAILED to build $dst"; }
        mv -f "$dst.tmp" "$dst"
    done
done

# xz's own liblzma tests (tests/test_*.c of Debian 12's xz-utils 5.4.1, the version of the arm64
# guest's liblzma), for aarch64 against the guest root's liblzma.so.5. The -D flags are what
# xz's configure finds on Debian (no config.h: the tests read only these).
xz_version=5.4.1-1+deb12u1
xz_src=$(fetch_source xz-utils "$xz_version" tests/tuktest.h)
xz_defs=(-DHAVE_INTTYPES_H -DHAVE_STDINT_H -DHAVE_STDBOOL_H -DHAVE_ENCODERS -DHAVE_DECODERS -DHAVE_CHECK_CRC32
         -DHAVE_CHECK_CRC64 -DHAVE_CHECK_SHA256 -DHAVE_LZIP_DECODER -DHAVE_BYTESWAP_H -DHAVE___BUILTIN_BSWAPXX
         -DMYTHREAD_POSIX -DHAVE_CLOCK_GETTIME -DHAVE_CLOCK_MONOTONIC -DHAVE_PTHREAD_CONDATTR_SETCLOCK)
for f in X86 ARM ARM64 ARMTHUMB IA64 POWERPC SPARC; do xz_defs+=("-DHAVE_ENCODER_$f" "-DHAVE_DECODER_$f"); done
sysroot=$(bash "$root/scripts/guest-sysroot.sh" arm64 xz-utils zstd libzstd1)
libdir="$sysroot/lib/aarch64-linux-gnu"
mkdir -p "$out/aarch64/xz-tests"
ln -sfn "$xz_src/tests/files" "$out/aarch64/xz-tests/files"
for t in "$xz_src"/tests/test_*.c; do
    dst="$out/aarch64/xz-tests/$(basename "$t" .c)"
    if [ -x "$dst" ] && [ "$dst" -nt "$t" ] && [ "$dst" -nt "$here/build.sh" ]; then continue; fi
    aarch64-linux-gnu-gcc -std=gnu99 -O1 "${xz_defs[@]}" -I "$xz_src/src/liblzma/api" -I "$xz_src/src/common" \
        -I "$xz_src/src/liblzma" -I "$xz_src/tests" -o "$dst.tmp" "$t" -L "$libdir" -l:liblzma.so.5 \
        -Wl,-rpath-link,"$libdir" -pthread || { rm -f "$dst.tmp"; die "FAILED to build $dst"; }
    mv -f "$dst.tmp" "$dst"
done

gen="$out/host/gen-input"
if [ ! -x "$gen" ] || [ "$root/tests/zlib/gen-input.c" -nt "$gen" ]; then
    mkdir -p "$out/host"
    "${HOSTCC:-gcc}" -std=c11 -O2 -Wall -Wextra -Werror -o "$gen.tmp" "$root/tests/zlib/gen-input.c" || die "FAILED to build $gen"
    mv -f "$gen.tmp" "$gen"
fi
# zstd's test-data generator, natively, for its tests/playTests.sh (README.md).
if [ ! -x "$out/host/datagen" ] || [ "$here/build.sh" -nt "$out/host/datagen" ]; then
    "${HOSTCC:-gcc}" -O2 -I "$src/programs" -I "$src/lib/common" -I "$src/lib" -o "$out/host/datagen.tmp" \
        "$src/tests/datagencli.c" "$src/programs/datagen.c" || die "FAILED to build $out/host/datagen"
    mv -f "$out/host/datagen.tmp" "$out/host/datagen"
fi
echo "compress-tests: zstd CLI (libzstd.so.1) for aarch64 riscv64 and gen-input in $out" >&2
