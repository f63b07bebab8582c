#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# PCRE2's own test data (testdata/testinputN of the Debian source of the host's libpcre2-8-0)
# through Debian's arm64 pcre2test (pcre2-utils), fully emulated and with libpcre2-8 passed
# through: the outputs must be byte-identical. Each emulated output is also compared with
# upstream's testoutputN, for information (a difference there is the guest's, not dlcall's).
#
# Usage: tests/pcre2/pcre2test.sh [TEST...]     TEST: 1 2 ... 26, or N-jit for the JIT variant
#        (default: every 8-bit test RunTest runs for Debian's build, with and without -jit).
# Prints one line per test and "N tests, N differences, N known"; exits 1 on any difference.
# Known: a passed-through run that stops at a find_limits line with the same output up to it.
# Environment: DLCALL_CACHE (default ~/.cache/dlcall), OUT (default artifacts/pcre2test).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${DLCALL_CACHE:-$HOME/.cache/dlcall}
out=${OUT:-$root/artifacts/pcre2test}

# The source: Debian 12's pcre2 (scripts/lib/apt.sh caches it). A fresh machine has none: the
# search for a cached copy once ended the script here under pipefail (exit 2). 10.42-1, not the
# host's security update (deb-src carries bookworm only): the test data is upstream 10.42's, and the
# differential compares the guest's pcre2test with itself, emulated and passed through.
die() { echo "pcre2test: $*" >&2; exit 1; }
# shellcheck source=../../scripts/lib/apt.sh
. "$root/scripts/lib/apt.sh"
src=$(fetch_source pcre2 10.42-1 testdata/testinput1)
data=$src/testdata

sysroot=$("$root/dlcall" sysroot --arch arm64 pcre2-utils libpcre2-8-0)
pcre2test=$sysroot/usr/bin/pcre2test

# RunTest's 8-bit tests for a build with UTF, JIT and link size 2 (Debian's): 3 needs the fr_FR
# locale, 11-14 are 16/32-bit, 16 is for builds without JIT, 23 for builds without \C.
tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
    tests=(1 1-jit 2 2-jit 4 4-jit 5 5-jit 6 7 8 9 9-jit 10 10-jit 15 17 18 19 20 21 21-jit 22 22-jit 24 25 26 26-jit)
fi

mkdir -p "$out"
n=0; diffs=0; known=0
for t in "${tests[@]}"; do
    num=${t%-jit}
    opt=(); [ "$t" != "$num" ] && opt=(-jit)
    # Test 17 is the JIT test: pcre2test turns JIT on with -jit there (RunTest's $vjs).
    [ "$num" = 17 ] && opt=(-jit)
    for mode in none pcre2; do
        ( cd "$data" && "$root/dlcall" run --passthrough "$mode" --sysroot "$sysroot" -- \
              "$pcre2test" -q "${opt[@]}" "testinput$num" "$out/$t.$mode.out" ) \
            >"$out/$t.$mode.log" 2>&1 && echo 0 >"$out/$t.$mode.rc" || echo $? >"$out/$t.$mode.rc"
    done
    n=$((n + 1))
    upstream=$data/testoutput$num; [ "$num" = 8 ] && upstream=$data/testoutput8-8-2
    vs_upstream=same; cmp -s "$out/$t.none.out" "$upstream" || vs_upstream=differs
    if cmp -s "$out/$t.none.out" "$out/$t.pcre2.out" && cmp -s "$out/$t.none.rc" "$out/$t.pcre2.rc"; then
        printf '%-8s same  (exit %s; emulated vs testoutput: %s)\n' "$t" "$(cat "$out/$t.none.rc")" "$vs_upstream"
    elif [[ "$(cmp "$out/$t.pcre2.out" "$out/$t.none.out" 2>&1 || true)" == *"EOF on $out/$t.pcre2.out"* &&
            "$(tail -n 1 "$out/$t.pcre2.out")" == *find_limits* ]]; then
        # pcre2test includes the private pcre2_internal.h and, finding the heap limit, calls
        # match_data->memctl.free itself: passed through that is the host's trampoline for its
        # my_free, which guest code cannot call (docs/Libraries.md). The same output up to there.
        known=$((known + 1))
        printf '%-8s known: the same up to a find_limits line, where pcre2test calls a host function pointer itself\n' "$t"
    else
        diffs=$((diffs + 1))
        printf '%-8s DIFFERENT (exit %s emulated, %s passed through): diff %s/%s.{none,pcre2}.out\n' \
            "$t" "$(cat "$out/$t.none.rc")" "$(cat "$out/$t.pcre2.rc")" "$out" "$t"
    fi
done
echo "$n tests, $diffs differences, $known known (find_limits)"
[ "$diffs" -eq 0 ]
