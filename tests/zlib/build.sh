#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build zlib's own test programs (test/example.c, test/minigzip.c from Debian's zlib source
# package) for the guests, dynamically linked against the real libz.so.1 of the Debian guest
# roots, and natively for reference. These are the programs the zlib differential tests run:
# fully emulated against the real guest libz (tests/zlib/run-emulated.sh), later against the
# generated stub, and the outputs must be identical.
#
# Usage: tests/zlib/build.sh [OUTDIR]      (default: artifacts/zlib, or $ZLIB_TEST_OUT)
# Output:
#   OUTDIR/<isa>/example, OUTDIR/<isa>/minigzip     isa: aarch64 riscv64 x86_64 (host libz)
#   OUTDIR/<isa>/imports.txt                         the zlib functions they import, with versions
#   OUTDIR/host/gen-input                            the test-data generator (gen-input.c)
#   OUTDIR/source.txt                                which zlib source was used
# The source comes from `apt-get source zlib` into $DLCALL_CACHE/src/zlib-<version> (reused
# when present). Debian 12's version (1.2.13.dfsg-1) is taken when the deb-src index has it,
# then 1.3.1-1 (the upstream version of Debian 13, whose libz the riscv64 guest root has), then
# whatever is served (newest first: an index may list versions the archive no longer has);
# ZLIB_SRC_VERSION="<debian version>..." asks for exactly those, in that order. The programs are
# compiled with that tree's zlib.h/zconf.h; they bind by symbol version to the libz they are
# linked against, so the header's own version matters little (example prints it).
# Incremental: an output is rebuilt when missing, older than its inputs, or built differently.
# Environment: CC_AARCH64, CC_RISCV64, CC_X86_64, HOSTCC, DLCALL_CACHE, ZLIB_SRC_VERSION.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

out=${1:-$zt_default_out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
isas=(aarch64 riscv64 x86_64)

# --- zlib's source ------------------------------------------------------------------------
srcroot="$zt_cache/src"
mkdir -p "$srcroot"
if [ -n "${ZLIB_SRC_VERSION:-}" ]; then read -r -a wanted <<<"$ZLIB_SRC_VERSION"; strict=1
else wanted=("1:1.2.13.dfsg-1" "1:1.3.dfsg+really1.3.1-1"); strict=0; fi
srcdir_of() { echo "$srcroot/zlib-${1#*:}"; }   # the epoch is no part of a directory name
complete() { [ -f "$1/.dlcall-complete" ] && [ -f "$1/test/example.c" ] && [ -f "$1/test/minigzip.c" ]; }

src=
for v in "${wanted[@]}"; do
    if complete "$(srcdir_of "$v")"; then src=$(srcdir_of "$v"); break; fi
done
if [ -z "$src" ] && [ "$strict" = 0 ]; then
    for d in $(ls -d "$srcroot"/zlib-*/ 2>/dev/null | sort -rV); do
        if complete "${d%/}"; then src=${d%/}; break; fi
    done
fi
fetch() { # debian-version: apt-get source it into $srcroot; fails quietly when it cannot
    local v=$1 tmp got
    tmp=$(mktemp -d "$srcroot/.zlib-get.XXXXXX")
    echo "zlib-tests: apt-get source zlib=$v" >&2
    if ! (cd "$tmp" && apt-get -o APT::Sandbox::User=root -qq source "zlib=$v" >&2); then
        rm -rf "$tmp"; echo "zlib-tests: apt-get source zlib=$v failed" >&2; return 1
    fi
    got=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'zlib-*' | head -n1)
    if [ -z "$got" ] || ! [ -f "$got/test/example.c" ] || ! [ -f "$got/test/minigzip.c" ]; then
        rm -rf "$tmp"; echo "zlib-tests: zlib $v has no test/example.c and test/minigzip.c" >&2; return 1
    fi
    echo "$v" >"$got/.dlcall-complete"
    rm -rf "$(srcdir_of "$v")"
    mv "$got" "$(srcdir_of "$v")"
    rm -rf "$tmp"
}
if [ -z "$src" ]; then
    # shellcheck source=../../scripts/lib/apt.sh
    . "$zt_root/scripts/lib/apt.sh"
    ensure_devel_sources >&2 || zt_die "cannot add the deb-src entry (run as root)"
    served() { apt-cache showsrc zlib 2>/dev/null | awk '/^Version:/ {print $2}' | sort -rVu; }
    avail=$(served)
    if [ -z "$avail" ]; then
        echo "zlib-tests: no zlib source in the apt index; running apt-get update" >&2
        apt-get update -qq >&2 || zt_die "apt-get update failed"
        avail=$(served)
    fi
    [ -n "$avail" ] || zt_die "apt-get cannot see zlib's source package: is there a deb-src entry?"
    # The wanted versions the index lists, in order; then (unless asked for exact versions)
    # every other version it lists, newest first: an index may list a version the archive no
    # longer has.
    candidates=()
    for v in "${wanted[@]}"; do grep -qxF "$v" <<<"$avail" && candidates+=("$v"); done
    if [ "$strict" = 0 ]; then
        [ ${#candidates[@]} -gt 0 ] || echo "zlib-tests: none of ${wanted[*]} is served; taking what is" >&2
        while read -r v; do
            printf '%s\n' "${candidates[@]}" | grep -qxF "$v" || candidates+=("$v")
        done <<<"$avail"
    fi
    [ ${#candidates[@]} -gt 0 ] ||
        zt_die "zlib source ${wanted[*]} is not served (served: $(echo $avail))"
    for v in "${candidates[@]}"; do
        if fetch "$v"; then src=$(srcdir_of "$v"); break; fi
    done
    [ -n "$src" ] || zt_die "could not get zlib's source (tried: ${candidates[*]})"
fi
srcver=$(cat "$src/.dlcall-complete")
zver=$(sed -n 's/^#define ZLIB_VERSION "\(.*\)".*/\1/p' "$src/zlib.h")
printf 'debian source: zlib %s\nupstream: %s\ndirectory: %s\n' "$srcver" "$zver" "$src" >"$out/source.txt.tmp"
if cmp -s "$out/source.txt.tmp" "$out/source.txt"; then rm -f "$out/source.txt.tmp"
else mv -f "$out/source.txt.tmp" "$out/source.txt"; fi
echo "zlib-tests: zlib source $srcver (zlib.h $zver) in $src" >&2

# --- the programs ----------------------------------------------------------------------------
# What ./configure would set for zlib's own build on Linux (zconf.h's HAVE_UNISTD_H and
# HAVE_STDARG_H "may be set to #if 1 by ./configure"; CFLAGS gets _LARGEFILE64_SOURCE). Without
# _FILE_OFFSET_BITS=64 the programs call gzopen, not gzopen64, as Debian's own build does.
cflags=(-O2 -Wall -D_LARGEFILE64_SOURCE=1 -DHAVE_UNISTD_H -DHAVE_STDARG_H -I "$src")
deps=("$src/zlib.h" "$src/zconf.h" "$zt_here/build.sh" "$zt_here/common.sh" "$zt_here"/programs/*.h)

built=0 uptodate=0
own_programs=()
for f in "$zt_here"/programs/*.c; do own_programs+=("$(basename "$f" .c)"); done
for isa in "${isas[@]}"; do
    cc=$(zt_cc "$isa")
    command -v "$cc" >/dev/null || zt_die "compiler '$cc' not found"
    sysroot=
    [ "$isa" = x86_64 ] || sysroot=$(zt_sysroot "$isa")
    libdir=$(zt_libdir "$isa" "$sysroot")
    libz=$(readlink -f "$libdir/libz.so.1")
    mkdir -p "$out/$isa"
    # Everything that decides the result, besides file times: rebuild when it changes.
    config="cc=$cc $("$cc" -dumpfullversion 2>/dev/null || "$cc" -dumpversion) flags=${cflags[*]} libz=$libz src=$srcver"
    # zlib's own test programs, and dlcall's (tests/zlib/programs: callbacks, errno, threads).
    for prog in example minigzip "${own_programs[@]}"; do
        dst="$out/$isa/$prog"
        psrc="$src/test/$prog.c"
        [ -f "$psrc" ] || psrc="$zt_here/programs/$prog.c"
        stale=0
        if [ ! -x "$dst" ] || [ "$(cat "$dst.config" 2>/dev/null)" != "$config" ] ||
           [ "$psrc" -nt "$dst" ] || [ "$libz" -nt "$dst" ]; then stale=1; fi
        for d in "${deps[@]}"; do [ "$d" -nt "$dst" ] && stale=1; done
        if [ "$stale" = 0 ]; then uptodate=$((uptodate + 1)); continue; fi
        # -l:libz.so.1 links against the real library itself (no libz.so development link in
        # a runtime-only guest root); -rpath-link lets ld find libz's own libc there too.
        if ! "$cc" "${cflags[@]}" -pthread -o "$dst.tmp" "$psrc" \
                -L "$libdir" -l:libz.so.1 -Wl,-rpath-link,"$libdir"; then
            rm -f "$dst.tmp"
            zt_die "FAILED to build $dst"
        fi
        # It must load libz.so.1 dynamically and import zlib's functions from it.
        readelf -d "$dst.tmp" | grep -q 'NEEDED.*\[libz\.so\.1\]' ||
            { rm -f "$dst.tmp"; zt_die "$dst does not need libz.so.1"; }
        readelf --dyn-syms -W "$dst.tmp" | grep -qE ' UND (deflate|inflate|gzopen)(@|$)' ||
            { rm -f "$dst.tmp"; zt_die "$dst imports none of deflate, inflate, gzopen"; }
        mv -f "$dst.tmp" "$dst"
        echo "$config" >"$dst.config"
        built=$((built + 1))
    done
    # The zlib functions both programs import: the names libz.so.1 defines (a name without a
    # version binds to libz's base version, as zlib's pre-1.2.0 functions do).
    {
        readelf --dyn-syms -W "$libz" | awk '$7 != "UND" && $4 == "FUNC" {sub(/@.*/, "", $8); print $8}' |
            sort -u >"$out/$isa/.libz-names"
        for prog in example minigzip; do
            readelf --dyn-syms -W "$out/$isa/$prog" | awk '$7 == "UND" {print $8}' |
                sed 's/ (.*//' | while read -r sym; do
                    grep -qxF "${sym%%@*}" "$out/$isa/.libz-names" && printf '%s\t%s\n' "$prog" "$sym"
                done | sort || true
        done
        rm -f "$out/$isa/.libz-names"
    } >"$out/$isa/imports.txt"
done

zt_build_gen "$out/host/gen-input"
echo "zlib-tests: example + minigzip for ${isas[*]}: $built built, $uptodate up to date, in $out" >&2
