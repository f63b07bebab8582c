#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# What the sqlite3 differential tests (tests/Dlcall.E2E.Tests/SqliteTests.cs) need:
#   - the libsqlite3 stub and thunks for aarch64 (dlcall gen sqlite3);
#   - SQLite's own speedtest1 (test/speedtest1.c from the Debian source of the host's libsqlite3,
#     public API only, no Tcl) built for aarch64 against the real libsqlite3.so.0 of Debian's arm64
#     guest root with the sqlite3 package, so it runs unmodified emulated or passed through.
#
# Usage: tests/sqlite3/build.sh [OUTDIR]      (default: artifacts/sqlite3)
# Output: OUTDIR/aarch64/speedtest1, OUTDIR/aarch64/printf_check, OUTDIR/source.txt
# The source comes from `apt-get source sqlite3=<the host's libsqlite3-0 source version>` into
# $DLCALL_CACHE/src/sqlite3-<version> (reused when present). Environment: CC_AARCH64, DLCALL_CACHE.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache="${DLCALL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dlcall}"
out=${1:-$root/artifacts/sqlite3}
cc=${CC_AARCH64:-aarch64-linux-gnu-gcc}

mkdir -p "$out"
"$root/dlcall" gen sqlite3 --arch aarch64 >/dev/null 2>"$out/gen.log" || { cat "$out/gen.log" >&2; exit 1; }

version=$(dpkg-query -W -f='${source:Version}' libsqlite3-0)
src="$cache/src/sqlite3-$version"
if [ ! -f "$src/.dlcall-complete" ]; then
    tmp=$(mktemp -d "$cache/src/.sqlite3-get.XXXXXX")
    echo "sqlite3-tests: apt-get source sqlite3=$version" >&2
    (cd "$tmp" && apt-get -o APT::Sandbox::User=root -qq source "sqlite3=$version" >&2) ||
        { rm -rf "$tmp"; echo "sqlite3-tests: apt-get source sqlite3=$version failed" >&2; exit 1; }
    got=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'sqlite3-*' | head -n1)
    [ -n "$got" ] && [ -f "$got/test/speedtest1.c" ] ||
        { rm -rf "$tmp"; echo "sqlite3-tests: no test/speedtest1.c in sqlite3 $version" >&2; exit 1; }
    rm -rf "$src"; mv "$got" "$src"; rm -rf "$tmp"
    touch "$src/.dlcall-complete"
fi

sysroot=$(bash "$root/scripts/guest-sysroot.sh" arm64 sqlite3)
mkdir -p "$out/aarch64" "$out/include"
# The host's sqlite3.h is the same release as the source (and the cross compiler must not see
# the host's other headers).
cp /usr/include/sqlite3.h "$out/include/"
exe="$out/aarch64/speedtest1"
if [ ! -x "$exe" ] || [ "$src/test/speedtest1.c" -nt "$exe" ] || [ "$0" -nt "$exe" ]; then
    "$cc" -O2 -o "$exe" "$src/test/speedtest1.c" -I"$out/include" \
        -L"$sysroot/usr/lib/aarch64-linux-gnu" -l:libsqlite3.so.0 \
        -Wl,-rpath-link="$sysroot/lib/aarch64-linux-gnu" -lm
fi
# dlcall's own check of the printf family (tests/sqlite3/printf_check.c).
check="$out/aarch64/printf_check"
if [ ! -x "$check" ] || [ "$here/printf_check.c" -nt "$check" ]; then
    "$cc" -O2 -Wall -Werror -Wno-format -o "$check" "$here/printf_check.c" -I"$out/include" \
        -L"$sysroot/usr/lib/aarch64-linux-gnu" -l:libsqlite3.so.0 -Wl,-rpath-link="$sysroot/lib/aarch64-linux-gnu"
fi
echo "sqlite3 $version ($src)" >"$out/source.txt"
echo "$exe"
echo "$check"
