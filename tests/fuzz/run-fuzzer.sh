#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Runs filter_fuzzer (tests/fuzz/build.sh builds it): first every reproducer in tests/fuzz/crashes,
# each of which must pass now, then a bounded fuzzing run that starts from tests/fuzz/corpus.
#
# Usage: tests/fuzz/run-fuzzer.sh [RUNS] [SEED]     (defaults: 200000 inputs, seed 1)
# New corpus entries go to artifacts/fuzz/work/corpus, never into the source tree; the input of a
# failure goes to artifacts/fuzz/work/crashes/ (keep it: copy it into tests/fuzz/crashes).
# Fold new entries into the committed corpus with
#   artifacts/fuzz/filter_fuzzer -merge=1 tests/fuzz/corpus artifacts/fuzz/work/corpus
# Exit status: the fuzzer's (0: no failure).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
fuzzer=$root/artifacts/fuzz/filter_fuzzer
runs=${1:-200000}
seed=${2:-1}
[ -x "$fuzzer" ] || { echo "run-fuzzer: $fuzzer is missing: run tests/fuzz/build.sh" >&2; exit 2; }
[ -f "$root/artifacts/plugin/libdlcall.so" ] ||
    { echo "run-fuzzer: artifacts/plugin/libdlcall.so is missing: run scripts/build-plugin.sh" >&2; exit 2; }

# The plugin's install-time allocations live as long as the process on purpose (lsan.supp).
export LSAN_OPTIONS="suppressions=$here/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
work=$root/artifacts/fuzz/work
mkdir -p "$work/corpus" "$work/crashes"
cd "$work"

shopt -s nullglob
repro=("$here"/crashes/*)
echo "run-fuzzer: replaying ${#repro[@]} reproducer(s) from tests/fuzz/crashes"
if [ ${#repro[@]} -gt 0 ]; then
    "$fuzzer" "${repro[@]}" 2>&1 | grep -E '^(filter_fuzzer|Executed|SUMMARY|==)' || true
    # A failing reproducer ends the pipeline's first command with non-zero: report it as such.
    [ "${PIPESTATUS[0]}" = 0 ] || { echo "run-fuzzer: a reproducer fails again" >&2; exit 1; }
fi

echo "run-fuzzer: $runs inputs, seed $seed, corpus tests/fuzz/corpus"
"$fuzzer" -runs="$runs" -seed="$seed" -max_len=256 -timeout=30 -print_final_stats=1 \
    -artifact_prefix="$work/crashes/" "$work/corpus" "$here/corpus"
