#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the e2e guest programs and the host test library they call.
#
# Usage: tests/e2e/build.sh [OUTDIR]
#   OUTDIR defaults to artifacts/e2e in the repository; a relative OUTDIR
#   given on the command line is relative to the current directory.
# Output:
#   OUTDIR/host/libdlcall_testlib.so           host test library
#   OUTDIR/host/libdlcall_host.so              callback runtime (native/host)
#   OUTDIR/host/libcbtest.so                   its test library (hostlib/cbtest*.c)
#   OUTDIR/<isa>-<static|dynamic>/<feature>    one per tests/e2e/<feature>/main.c
#   for isa in aarch64 riscv64 x86_64
# Only outputs older than their sources, the shared headers or this script
# are rebuilt. Environment: JOBS (parallel compiles, default nproc),
# CC_AARCH64, CC_RISCV64, CC_X86_64, HOSTCC (compilers).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

# Guest flags; "static" adds -static. Kept here so both modes agree.
guest_cflags=(-std=gnu11 -O2 -Wall -Wextra -Werror -pthread -I "$root/native/include")
c11_cflags=(-std=c11 -O2 -Wall -Wextra -Werror -Wpedantic -I "$root/native/include")

# Worker mode, run by xargs: compile one job into place atomically, so an
# interrupted build never leaves a fresh-looking broken output.
if [ "${1:-}" = "--compile" ]; then
    cc=$2 mode=$3 src=$4 dst=$5
    case "$mode" in
    static) flags=("${guest_cflags[@]}" -static) ;;
    dynamic) flags=("${guest_cflags[@]}") ;;
    c11) flags=("${c11_cflags[@]}" -c) ;;
    *) echo "build.sh: bad mode $mode" >&2; exit 2 ;;
    esac
    if ! "$cc" "${flags[@]}" -o "$dst.tmp" "$src"; then
        echo "e2e: FAILED to build $dst" >&2
        rm -f "$dst.tmp"
        exit 1
    fi
    mv -f "$dst.tmp" "$dst"
    exit 0
fi

out=${1:-$root/artifacts/e2e}
mkdir -p "$out"
out=$(cd "$out" && pwd)
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
isas=(aarch64 riscv64 x86_64)
declare -A cc=(
    [aarch64]=${CC_AARCH64:-aarch64-linux-gnu-gcc}
    [riscv64]=${CC_RISCV64:-riscv64-linux-gnu-gcc}
    [x86_64]=${CC_X86_64:-gcc}
)
hostcc=${HOSTCC:-gcc}

for tool in "$hostcc" "${cc[@]}"; do
    command -v "$tool" >/dev/null || { echo "e2e: compiler '$tool' not found" >&2; exit 1; }
done

# The newest file every output depends on besides its own source.
newest_dep=$(find "$root/native/include" "$here/common" "$here/hostlib" "$here/callbacks" "$here/build.sh" \
                  -type f \( -name '*.h' -o -name build.sh \) -printf '%T@ %p\n' |
             sort -n | tail -n1 | cut -d' ' -f2-)

stale() { # output source
    [ ! -e "$1" ] || [ "$2" -nt "$1" ] || [ "$newest_dep" -nt "$1" ]
}

# The host library first: it is one compile, and a broken one should stop
# the build before the guests.
hostlib="$out/host/libdlcall_testlib.so"
mkdir -p "$out/host"
if stale "$hostlib" "$here/hostlib/dlcall_testlib.c"; then
    "$hostcc" -std=gnu11 -O2 -Wall -Wextra -Werror -shared -fPIC \
        -o "$hostlib.tmp" "$here/hostlib/dlcall_testlib.c"
    mv -f "$hostlib.tmp" "$hostlib"
fi
# A host program the forkexec guest execs.
if stale "$out/host/sigstate" "$here/hostlib/sigstate.c"; then
    "$hostcc" -std=gnu11 -O2 -Wall -Wextra -Werror -o "$out/host/sigstate.tmp" "$here/hostlib/sigstate.c"
    mv -f "$out/host/sigstate.tmp" "$out/host/sigstate"
fi
# The host runtime for guest callbacks (native/host/build.sh), and
# libcbtest.so, which links to it and finds it through $ORIGIN.
bash "$root/native/host/build.sh" "$out/host" >/dev/null
cbtest="$out/host/libcbtest.so"
if stale "$cbtest" "$out/host/libdlcall_host.so" ||
   [ -n "$(find "$here"/hostlib/cbtest*.c -newer "$cbtest")" ]; then
    "$hostcc" -std=gnu11 -O2 -Wall -Wextra -Werror -shared -fPIC -pthread \
        -I "$root/native/host" -o "$cbtest.tmp" "$here"/hostlib/cbtest*.c \
        -L "$out/host" -ldlcall_host -Wl,-rpath,'$ORIGIN'
    mv -f "$cbtest.tmp" "$cbtest"
fi

features=()
for src in "$here"/*/main.c; do
    dir=$(basename "$(dirname "$src")")
    [ "$dir" = hostlib ] || features+=("$dir")
done

# One NUL-separated job per stale output: cc mode source destination.
jobfile=$(mktemp)
trap 'rm -f "$jobfile"' EXIT
total=0 todo=0
add_job() { # cc mode source destination
    total=$((total + 1))
    if stale "$4" "$3"; then
        printf '%s\0%s\0%s\0%s\0' "$@" >>"$jobfile"
        todo=$((todo + 1))
    fi
}
for isa in "${isas[@]}"; do
    mkdir -p "$out/obj/$isa"
    add_job "${cc[$isa]}" c11 "$here/common/header_c11.c" "$out/obj/$isa/header_c11.o"
    add_job "${cc[$isa]}" c11 "$here/callbacks/thunk_c11.c" "$out/obj/$isa/thunk_c11.o"
    for link in static dynamic; do
        mkdir -p "$out/$isa-$link"
        for f in "${features[@]}"; do
            add_job "${cc[$isa]}" "$link" "$here/$f/main.c" "$out/$isa-$link/$f"
        done
    done
done

if [ "$todo" -gt 0 ] &&
   ! xargs -0 -n4 -P"$jobs" "$here/build.sh" --compile <"$jobfile"; then
    echo "e2e: build FAILED (see the errors above)" >&2
    exit 1
fi
echo "e2e: ${#features[@]} programs x ${#isas[@]} ISAs x static/dynamic + header checks:" \
     "$todo of $total compiled, $((total - todo)) up to date, in $out"
