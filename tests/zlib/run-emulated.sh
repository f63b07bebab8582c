#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Run zlib's own test programs (tests/zlib/build.sh) for one ISA, fully emulated under QEMU
# against the real libz.so.1 of the Debian guest root (no plugin), and print what a differential
# test compares:
#   - example: its exit code and its stdout (its self-test), and the sha256 of the .gz file it
#     writes with gzputc/gzputs/gzprintf;
#   - minigzip: a round trip of a deterministic mixed input (gen-input.c, 8 MiB):
#     `minigzip -9 <in >out.gz` (exit code, size and sha256 of out.gz), `minigzip -d <out.gz
#     >back` (exit code, back == in), and `minigzip -d FILE.gz` by name (gzopen instead of
#     gzdopen; exit code, FILE == in).
# Stdout carries exactly that and nothing machine- or ISA-specific, so the same lines are
# expected from every ISA, from the native x86_64 build, and later from the runs with the stub.
# Everything else (the ISA, paths, the programs' stderr, timings) goes to stderr.
#
# Usage: tests/zlib/run-emulated.sh ISA [OUTDIR]
#   ISA: aarch64 (or arm64) | riscv64 under QEMU; x86_64 runs natively, for reference.
#   OUTDIR: build.sh's output directory (default artifacts/zlib, or $ZLIB_TEST_OUT); build.sh
#   runs first (incremental) unless ZLIB_TEST_NO_BUILD=1.
# Environment:
#   ZLIB_TEST_MIB        size of the round-trip input in MiB (default 8)
#   ZLIB_TEST_QEMU_ARGS  extra QEMU arguments, split on spaces, before the program (e.g. a plugin
#                        and `-E LD_LIBRARY_PATH=...` for the stub); empty for the plain run
#   ZLIB_TEST_KEEP=1     keep the work directory (its path goes to stderr)
# Exit status: 0 when every program exited 0 and both round trips gave the input back, else 1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -ge 1 ] && [ $# -le 2 ] || { sed -n '/^# Usage:/,/^# Exit status/p' "$0" >&2; exit 2; }
isa=$(zt_isa "$1")
out=${2:-$zt_default_out}
mib=${ZLIB_TEST_MIB:-8}

if [ "${ZLIB_TEST_NO_BUILD:-0}" != 1 ]; then bash "$zt_here/build.sh" "$out" 2>/dev/null >&2 ||
    bash "$zt_here/build.sh" "$out" >&2; fi  # quiet when it works; again, loudly, when not
out=$(cd "$out" && pwd)
for p in example minigzip; do [ -x "$out/$isa/$p" ] || zt_die "no $out/$isa/$p: run tests/zlib/build.sh"; done

# The command prefix that runs a guest program.
run=()
if [ "$isa" != x86_64 ]; then
    root=$(zt_guest_root "$isa")
    read -r -a extra <<<"${ZLIB_TEST_QEMU_ARGS:-}"
    run=("$(zt_qemu "$isa")" -L "$root" "${extra[@]}")
    echo "zlib-tests: $isa under ${run[*]}" >&2
else
    echo "zlib-tests: x86_64 natively, host $(readlink -f "$(zt_libdir x86_64)/libz.so.1")" >&2
fi

# The input: made once per size (gen-input's output depends on nothing else).
zt_build_gen "$out/host/gen-input"
input="$out/data/mixed-${mib}MiB.bin"
if [ ! -f "$input" ] || [ "$out/host/gen-input" -nt "$input" ]; then
    mkdir -p "$out/data"
    "$out/host/gen-input" "$mib" "$input" || zt_die "gen-input failed"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/zlib-tests-$isa.XXXXXX")
if [ "${ZLIB_TEST_KEEP:-0}" = 1 ]; then echo "zlib-tests: work directory $work" >&2
else trap 'rm -rf "$work"' EXIT; fi
cd "$work"

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b - a) / 1e9}'; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }
stderr_of() { # name file: the program's stderr, to ours, marked
    [ -s "$2" ] && sed "s/^/zlib-tests: $1 stderr: /" "$2" >&2 || true
}
ok=1 times=()

# example (relative names only: QEMU's -L looks absolute guest paths up in the guest root first)
t0=$(now)
rc=0; "${run[@]}" "$out/$isa/example" example.gz >example.out 2>example.err || rc=$?
times+=("example $(secs "$t0" "$(now)") s")
stderr_of example example.err
echo "example: exit $rc"
sed 's/^/example: | /' example.out
if [ -f example.gz ]; then echo "example: example.gz $(size example.gz) bytes, sha256 $(sha example.gz)"
else echo "example: example.gz missing"; ok=0; fi
[ "$rc" = 0 ] || ok=0

# minigzip round trip through stdin/stdout (gzdopen)
echo "input: $(size "$input") bytes, sha256 $(sha "$input")"
t0=$(now)
rc=0; "${run[@]}" "$out/$isa/minigzip" -9 <"$input" >out.gz 2>c.err || rc=$?
times+=("minigzip -9 $(secs "$t0" "$(now)") s")
stderr_of "minigzip -9" c.err
echo "minigzip -9 <input >out.gz: exit $rc, $(size out.gz) bytes, sha256 $(sha out.gz)"
[ "$rc" = 0 ] || ok=0

t0=$(now)
rc=0; "${run[@]}" "$out/$isa/minigzip" -d <out.gz >back 2>d.err || rc=$?
times+=("minigzip -d $(secs "$t0" "$(now)") s")
stderr_of "minigzip -d" d.err
if cmp -s back "$input"; then same="identical to input"
else same="DIFFERENT from input ($(size back) bytes, sha256 $(sha back))"; ok=0; fi
echo "minigzip -d <out.gz >back: exit $rc, $same"
[ "$rc" = 0 ] || ok=0

# minigzip -d by file name (gzopen, then fopen of the output; the .gz is removed)
cp out.gz named.gz
t0=$(now)
rc=0; "${run[@]}" "$out/$isa/minigzip" -d named.gz >f.out 2>f.err || rc=$?
times+=("minigzip -d FILE $(secs "$t0" "$(now)") s")
stderr_of "minigzip -d FILE" f.err
if [ ! -f named ]; then same="no output file"; ok=0
elif cmp -s named "$input"; then same="identical to input"
else same="DIFFERENT from input ($(size named) bytes, sha256 $(sha named))"; ok=0; fi
[ -e named.gz ] && same="$same, named.gz not removed" && ok=0
echo "minigzip -d named.gz: exit $rc, $same"
[ -s f.out ] && { echo "minigzip -d named.gz: unexpected stdout"; ok=0; }
[ "$rc" = 0 ] || ok=0

echo "zlib-tests: $isa times: $(IFS=,; echo "${times[*]}" | sed 's/,/, /g')" >&2
if [ "$ok" = 1 ]; then echo "result: PASS"; exit 0; fi
echo "result: FAIL"
exit 1
