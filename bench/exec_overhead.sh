#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The per-exec cost of exec following: a guest sh loop exec'ing /bin/true N times, followed by
# the plugin, vs the same loop starting the same QEMU command by hand per child (a host program
# the plugin leaves to the kernel). Same guest shell, same forks: the difference is what
# following adds per exec.   Usage: bench/exec_overhead.sh [N] [ROUNDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n=${1:-200}
rounds=${2:-3}
qemu="$(native/qemu/build-qemu.sh --print-dir)/bin/qemu-aarch64"
root=$(scripts/guest-sysroot.sh arm64 dash coreutils 2>/dev/null)
plugin="$PWD/artifacts/plugin/libdlcall.so"
[ -f "$plugin" ] || { echo "exec_overhead: build the plugin first (scripts/build-plugin.sh)" >&2; exit 2; }
loop='i=0; while [ $i -lt '"$n"' ]; do "$@"; i=$((i+1)); done'

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
for r in $(seq "$rounds"); do
    followed=$(seconds "$qemu" -L "$root" -plugin "$plugin" "$root/bin/sh" -c "$loop" sh /bin/true)
    direct=$(seconds "$qemu" -L "$root" -plugin "$plugin" "$root/bin/sh" -c "$loop" sh \
        "$qemu" -L "$root" -plugin "$plugin" "$root/bin/true")
    printf 'round %d: followed %.3f s, direct %.3f s, per exec: followed %.2f ms, direct %.2f ms, overhead %.2f ms\n' \
        "$r" "$followed" "$direct" "$(echo "$followed * 1000 / $n" | bc -l)" "$(echo "$direct * 1000 / $n" | bc -l)" \
        "$(echo "($followed - $direct) * 1000 / $n" | bc -l)"
done
