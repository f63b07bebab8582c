#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""zlib through dlcall: native x86_64 vs fully emulated vs passthrough, same run, medians.

Builds bench/zlib/zbench for the host and the guest ISA, generates deterministic mixed input
(tests/zlib/gen-input.c), makes sure the zlib stub exists (./dlcall gen zlib), then runs each
configuration --rounds times, alternating. Checks that all three produce the same compressed
bytes, prints a table and writes bench/results/zlib-<isa>-<UTC timestamp>.md.
Usage: bench/zlib_bench.py [--isa aarch64] [--mib 64] [--level 9] [--rounds 3]
"""
import argparse, datetime, os, platform, statistics, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ART = os.path.join(ROOT, "artifacts")


def sh(*cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout.strip()


def parse(out):
    return dict(line.split(None, 1) for line in out.splitlines())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--isa", default="aarch64")  # QEMU's name: `dlcall bench zlib --arch` checks it and maps arm64
    ap.add_argument("--mib", type=int, default=64)
    ap.add_argument("--level", type=int, default=9)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    work = os.path.join(ART, "bench-zlib")
    os.makedirs(work, exist_ok=True)
    qemu = os.path.join(os.environ.get("DLCALL_QEMU_DIR") or sh("bash", os.path.join(ROOT, "native/qemu/build-qemu.sh")), "bin", "qemu-" + a.isa)
    sysroot = sh(os.path.join(ROOT, "dlcall"), "sysroot", "--arch", a.isa, "zlib1g")
    subprocess.run([os.path.join(ROOT, "dlcall"), "gen", "zlib", "--arch", a.isa], check=True, capture_output=True)
    sh("bash", os.path.join(ROOT, "scripts/build-plugin.sh"))
    inc = os.path.join(ART, "thunks", a.isa, "zlib", "include")
    src = os.path.join(ROOT, "bench/zlib/zbench.c")
    native, guest = os.path.join(work, "zbench-x86_64"), os.path.join(work, "zbench-" + a.isa)
    sh("gcc", "-O2", "-o", native, src, "-lz")
    libdir = os.path.join(sysroot, "lib", a.isa + "-linux-gnu")
    sh(a.isa + "-linux-gnu-gcc", "-O2", "-I", inc, "-o", guest, src, "-L" + libdir, "-l:libz.so.1")
    gen = os.path.join(work, "gen-input")
    sh("gcc", "-O2", "-o", gen, os.path.join(ROOT, "tests/zlib/gen-input.c"))
    data = os.path.join(work, f"input-{a.mib}.bin")
    if not os.path.exists(data):
        sh(gen, str(a.mib), data)

    configs = {
        "native x86_64": [native, data, str(a.level)],
        f"emulated {a.isa}": [qemu, "-L", sysroot, guest, data, str(a.level)],
        f"dlcall {a.isa}": [qemu, "-L", sysroot, "-E", "LD_LIBRARY_PATH=" + os.path.join(ART, "thunks", a.isa, "lib"),
                            "-plugin", os.path.join(ART, "plugin/libdlcall.so"), guest, data, str(a.level)],
    }
    runs = {k: [] for k in configs}
    for r in range(a.rounds):
        for name, cmd in configs.items():
            runs[name].append(parse(sh(*cmd)))
            print(f"round {r + 1}: {name}: deflate {runs[name][-1]['deflate_s']} s", file=sys.stderr)
    outputs = {(v[-1]["packed"], v[-1]["crc"]) for v in runs.values()}
    med = {k: {m: statistics.median(float(x[m]) for x in v) for m in ("deflate_s", "inflate_s")} for k, v in runs.items()}
    nat, emu, pt = (med[k] for k in configs)
    rows = ["| configuration | deflate -%d (s) | inflate (s) |" % a.level, "|---|---|---|"]
    rows += [f"| {k} | {v['deflate_s']:.3f} | {v['inflate_s']:.3f} |" for k, v in med.items()]
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    text = "\n".join([
        f"# zlib through dlcall ({a.isa} guest)", "",
        f"Machine: {cpu}, {os.cpu_count()} cores, Linux {platform.release()}; "
        f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC.",
        f"Input: {a.mib} MiB of mixed data (tests/zlib/gen-input.c), level {a.level}, {a.rounds} rounds, medians.", "",
        *rows, "",
        f"- passthrough vs emulated (deflate): **{emu['deflate_s'] / pt['deflate_s']:.1f}x faster**",
        f"- passthrough vs native (deflate): **{pt['deflate_s'] / nat['deflate_s']:.3f}x** the native time",
        f"- identical compressed output in all three: {'yes' if len(outputs) == 1 else 'NO: ' + str(outputs)}",
    ]) + "\n"
    print(text)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    with open(os.path.join(ROOT, "bench/results", f"zlib-{a.isa}-{stamp}.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
