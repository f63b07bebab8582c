#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The per-exec cost of exec following: a guest sh loop exec'ing /bin/true N times, followed by
# the plugin, vs the same loop starting the same QEMU command by hand per child (a host program
# the plugin leaves to the kernel). Same guest shell, same forks: the difference is what
# following adds per exec. "bare" starts the child's QEMU without the plugin: the difference to it
# is the plugin's own start-up in each child.   Usage: bench/exec_overhead.sh [N] [ROUNDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n=${1:-200}
rounds=${2:-3}
qemu="$(native/qemu/build-qemu.sh --print-dir)/bin/qemu-aarch64"
root=$(scripts/guest-sysroot.sh arm64 dash coreutils 2>/dev/null)
plugin="$PWD/artifacts/plugin/libdlcall.so"
[ -f "$plugin" ] || { echo "exec_overhead: build the plugin first (scripts/build-plugin.sh)" >&2; exit 2; }
loop='i=0; while [ $i -lt '"$n"' ]; do "$@"; i=$((i+1)); done'

# Wall time is at the mercy of a loaded machine; CPU time (user + system, the whole tree) is
# what following itself adds. Both per exec, in ms; medians over the rounds.
python3 - "$n" "$rounds" "$qemu" "$root" "$plugin" "$loop" <<'PY'
import resource, statistics, subprocess, sys, time
n, rounds, qemu, root, plugin, loop = int(sys.argv[1]), int(sys.argv[2]), *sys.argv[3:]
base = [qemu, "-L", root, "-plugin", plugin, root + "/bin/sh", "-c", loop, "sh"]
runs = {"followed": base + ["/bin/true"], "direct": base + [qemu, "-L", root, "-plugin", plugin, root + "/bin/true"],
        "bare": base + [qemu, "-L", root, root + "/bin/true"]}
wall, cpu = {k: [] for k in runs}, {k: [] for k in runs}
for r in range(rounds):
    for name, cmd in (list(runs.items()) if r % 2 == 0 else list(runs.items())[::-1]):
        u0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.monotonic()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        t1 = time.monotonic(); u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall[name].append((t1 - t0) * 1000 / n)
        cpu[name].append((u1.ru_utime - u0.ru_utime + u1.ru_stime - u0.ru_stime) * 1000 / n)
    print(f"round {r + 1}: per exec wall " + ", ".join(f"{k} {wall[k][-1]:.2f}" for k in runs) + " ms; cpu "
          + ", ".join(f"{k} {cpu[k][-1]:.2f}" for k in runs) + " ms", flush=True)
m = {k: (statistics.median(wall[k]), statistics.median(cpu[k])) for k in runs}
print(f"median per exec: wall followed {m['followed'][0]:.2f} ms, direct {m['direct'][0]:.2f} ms, "
      f"overhead {m['followed'][0] - m['direct'][0]:+.2f} ms; cpu followed {m['followed'][1]:.2f} ms, "
      f"direct {m['direct'][1]:.2f} ms, overhead {m['followed'][1] - m['direct'][1]:+.2f} ms; "
      f"bare QEMU: wall {m['bare'][0]:.2f} ms, cpu {m['bare'][1]:.2f} ms (followed - bare: wall "
      f"{m['followed'][0] - m['bare'][0]:+.2f} ms, cpu {m['followed'][1] - m['bare'][1]:+.2f} ms)")
PY
