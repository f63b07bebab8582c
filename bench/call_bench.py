#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Per-call cost of dlcall: the C# plugin against a minimal C plugin (the floor), same run.

Measures, alternating the plugins round by round and taking medians (this machine is noisy):
  - inside QEMU: a guest loop of N getppid syscalls, N INVOKE_PROC calls of a host no-op,
    N GET_HOST_ATTRIBUTE calls, and N dlcall_invoke_fast calls of the no-op (tests/e2e/bench):
    the fast path with the C# plugin (its C callback, and again with DLCALL_FAST_CB=managed for
    the managed one), the syscall fallback with the C plugin, which lacks the fast path;
  - without QEMU: the filter called directly by the C harness (hit and miss);
  - QEMU start-up time with each plugin.
Prints a table with ratios and writes bench/results/call-<UTC timestamp>.md.
Usage: bench/call_bench.py [--isa aarch64] [--rounds 7] [--n 2000000]
Run ./test.sh (or the build scripts) first: it builds QEMU, the plugins and the guests.
"""
import argparse, datetime, os, platform, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ART = os.path.join(ROOT, "artifacts")
PLUGINS = {"C#": os.path.join(ART, "plugin/libdlcall.so"), "C": os.path.join(ART, "cplugin/libdlcall_min.so")}
SYSROOT = {"aarch64": "/usr/aarch64-linux-gnu", "riscv64": "/usr/riscv64-linux-gnu", "x86_64": "/"}


def qemu_dir():
    d = os.environ.get("DLCALL_QEMU_DIR")
    return d or subprocess.check_output(["bash", os.path.join(ROOT, "native/qemu/build-qemu.sh"), "--print-dir"], text=True).strip()


def metrics(cmd, env=None):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True,
                         env=dict(os.environ, **env) if env else None).stdout
    return {k: float(v) for k, v in (l.split() for l in out.splitlines() if l.count(" ") == 1 and l.split()[1][0].isdigit())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--isa", default="aarch64")
    ap.add_argument("--rounds", type=int, default=21)
    ap.add_argument("--n", type=int, default=500_000)
    args = ap.parse_args()
    qemu = os.path.join(qemu_dir(), "bin", "qemu-" + args.isa)
    guest = os.path.join(ART, "e2e", args.isa + "-static", "bench")
    hostlib = os.path.join(ART, "e2e/host/libdlcall_testlib.so")
    harness = os.path.join(ART, "harness/qemu_harness")

    samples = {}
    def add(plugin, key, value):
        samples.setdefault((plugin, key), []).append(value)

    for r in range(args.rounds):
        order = list(PLUGINS.items())
        for name, so in (order if r % 2 == 0 else order[::-1]):  # no first-runner bias
            for k, v in metrics([qemu, "-plugin", so, guest, hostlib, str(args.n)]).items():
                add(name, "qemu " + k, v)
            managed = metrics([qemu, "-plugin", so, guest, hostlib, str(args.n)], {"DLCALL_FAST_CB": "managed"})
            add(name, "qemu invoke_fast_ns, DLCALL_FAST_CB=managed", managed["invoke_fast_ns"])
            for k, v in metrics([harness, so, "bench", "--iters", str(args.n * 5)]).items():
                add(name, "harness " + k, v)
            starts = []
            for _ in range(5):
                t = time.perf_counter()
                subprocess.run([qemu, "-plugin", so, guest, hostlib, "1"], check=True, capture_output=True)
                starts.append((time.perf_counter() - t) * 1000)
            add(name, "start-up ms", min(starts))
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)

    keys = sorted({k for _, k in samples})
    # Medians and minimums: on a shared VM the minimum is the steadiest estimate of the cost.
    table = ["| metric (ns/call unless noted) | C# median | C median | C# vs C (median) | C# min | C min | C# vs C (min) |",
             "|---|---|---|---|---|---|---|"]
    for k in keys:
        a, b = samples[("C#", k)], samples[("C", k)]
        cells = []
        for f in (statistics.median, min):
            cs, c = f(a), f(b)
            cells.append(f"{cs:.2f} | {c:.2f} | " + (f"{cs - c:+.2f} ms" if k == "start-up ms" else f"{cs / c:.3f}x"))
        table.append(f"| {k} | " + " | ".join(cells) + " |")
    machine = describe_machine(qemu)
    fast = statistics.median(samples[("C#", "qemu invoke_fast_ns")])
    notes = ["", "Fast path (C# plugin, medians): dlcall_invoke_fast "
             f"{fast:.2f} ns vs INVOKE_PROC {statistics.median(samples[('C#', 'qemu invoke_noop_ns')]) / fast:.1f}x "
             "dearer; under the C plugin `invoke_fast_ns` is the syscall fallback."]
    text = "\n".join(["# dlcall per-call benchmark", "", machine, "",
                      f"Guest ISA {args.isa}, N = {args.n}, {args.rounds} rounds alternating the plugins "
                      "(start-up: per round, the fastest of 5 launches).", ""] + table + notes) + "\n"
    print(text)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = os.path.join(ROOT, "bench/results", f"call-{args.isa}-{stamp}.md")
    with open(path, "w") as f:
        f.write(text)
    print("wrote " + os.path.relpath(path, ROOT))


def describe_machine(qemu):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    qv = subprocess.run([qemu, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    dv = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    return (f"Machine: {cpu}, {os.cpu_count()} cores, Linux {platform.release()}; {qv}; .NET SDK {dv}; "
            f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC.")


if __name__ == "__main__":
    main()
