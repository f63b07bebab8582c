#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Write the deterministic mixed benchmark input (tests/zlib/gen-input.c): prose, logs, binary
# records, sample arrays, some random bytes and repeats; zlib -6 compresses it about 2.5:1.
# The same SIZE_MIB and SEED give the same bytes on every machine, and a smaller size is a
# prefix of a larger one (run-emulated.sh's 8 MiB input is the first 8 MiB of this).
#
# Usage: tests/zlib/bench-input.sh SIZE_MIB OUT [SEED]     (the benchmark uses 64; SEED 1)
# The generator is compiled (when stale) to $ZLIB_TEST_OUT/host/gen-input (artifacts/zlib).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ $# -ge 2 ] && [ $# -le 3 ] || { echo "usage: tests/zlib/bench-input.sh SIZE_MIB OUT [SEED]" >&2; exit 2; }
gen="$zt_default_out/host/gen-input"
zt_build_gen "$gen"
"$gen" "$@"
