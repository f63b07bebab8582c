#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# QEMU's own TCG tests (tests/tcg of the QEMU source dlcall builds) for <isa>-linux-user, run
# against one or more QEMU builds: the check a QEMU patch of dlcall's must keep green
# (native/qemu/*.patch). Drives QEMU's tests/tcg/Makefile.target the way its configure does,
# with the Debian cross compiler and static binaries, without a QEMU build tree; tests whose
# binary this compiler cannot build are counted as skipped, as are those QEMU's makefiles skip.
# Plugin and gdbstub runs are left out (no CONFIG_PLUGIN, no GDB).
#
# Usage: tests/qemu-tcg/run.sh [--isa aarch64] QEMU_DIR...
#   QEMU_DIR: an install directory of native/qemu/build-qemu.sh (default: the current build)
# Prints one line per QEMU_DIR: "<dir>: N passed, N failed, N skipped"; the per-test outcomes
# go to artifacts/qemu-tcg/<isa>-linux-user/results-<build>.txt. Exit status 1 if any failed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
isa=aarch64
[ "${1:-}" = --isa ] && { isa="$2"; shift 2; }
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=("$(bash "$root/native/qemu/build-qemu.sh" --print-dir)")
cache="${DLCALL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dlcall}"
src=$(ls -d "$cache"/src/qemu-*/ 2>/dev/null | head -n1)
src=${src%/}
[ -f "$src/tests/tcg/Makefile.target" ] || { echo "qemu-tcg: no QEMU source in $cache/src (run native/qemu/build-qemu.sh)" >&2; exit 1; }
case $isa in
aarch64) cc=aarch64-linux-gnu-gcc ;;
riscv64) cc=riscv64-linux-gnu-gcc ;;
*) echo "qemu-tcg: unsupported isa '$isa'" >&2; exit 2 ;;
esac

work="$root/artifacts/qemu-tcg/$isa-linux-user"
mkdir -p "$work"
echo "SRC_PATH=$src" >"$work/../config-host.mak"
cat >"$work/config-target.mak" <<EOF
TARGET_NAME=$isa
TARGET=$isa-linux-user
CC=$cc
CCAS=$cc
BUILD_STATIC=y
QEMU=${dirs[0]}/bin/qemu-$isa
EOF
ln -sf "$src/tests/tcg/Makefile.target" "$work/Makefile"
mk() { make -C "$work" --no-print-directory "$@"; }

# Build what this compiler can (-k: the rest is reported per test below).
mk -k -j"$(nproc)" all >"$work/build.log" 2>&1 || true
targets=$(mk help 2>/dev/null | sed -n 's/^  \(run-[^ ]*\)$/\1/p')

status=0
for d in "${dirs[@]}"; do
    qemu="$d/bin/qemu-$isa"
    [ -x "$qemu" ] || { echo "qemu-tcg: no $qemu" >&2; exit 1; }
    results="$work/results-$(basename "$d").txt"
    : >"$results"
    pass=0 fail=0 skip=0
    for t in $targets; do
        # A prerequisite the first pass could not build would be compiled again here: not built.
        if mk -n "$t" QEMU="$qemu" 2>/dev/null | grep -q -- "$cc "; then
            echo "SKIP $t (does not build with $cc)" >>"$results"; skip=$((skip + 1)); continue
        fi
        if out=$(mk "$t" QEMU="$qemu" 2>&1); then
            if grep -q SKIPPED <<<"$out"; then
                echo "SKIP $t ($(grep -m1 SKIPPED <<<"$out" | sed 's/^ *//'))" >>"$results"; skip=$((skip + 1))
            else
                echo "PASS $t" >>"$results"; pass=$((pass + 1))
            fi
        else
            echo "FAIL $t: $(tail -n 3 <<<"$out" | tr '\n' ' ')" >>"$results"; fail=$((fail + 1)); status=1
        fi
    done
    echo "$d: $pass passed, $fail failed, $skip skipped"
done
exit $status
