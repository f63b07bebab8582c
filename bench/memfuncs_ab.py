#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A/B of the memfuncs interposer on Debian's programs: each workload through `dlcall run` with its
libraries passed through, without and with --memfuncs (docs/HowItWorks.md, "The guest's memory
functions"). Both sides alternate their order every round (the machine is shared and its load
moves); medians of wall and CPU (user+sys of the QEMU process tree) seconds. Every run's output
must be byte-identical to the first round's emulated one (--passthrough none), or it stops.

Usage: bench/memfuncs_ab.py --sysroot ROOT [--rounds 5] [--mib 16] [--only NAME]
  ROOT: a guest root with pigz, xz-utils, sqlite3 and python3.11
  (./dlcall sysroot --arch arm64 pigz xz-utils sqlite3 python3.11).
Writes bench/results/memfuncs-aarch64-<UTC timestamp>.md and prints it.
"""
import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Python copying and searching big bytes and str objects (memcpy, memcmp, memchr-like scans).
PY_STR = ("import sys\n"
          "d = open(sys.argv[1], 'rb').read()\n"
          "s = d.decode('latin-1')\n"
          "parts = s.split(' ')\n"
          "b = bytearray()\n"
          "for i in range(0, len(d), 65536): b += d[i:i + 65536]\n"
          "print(len(parts), len(' '.join(parts)), len(b), s.count('the'), d.find(b'zzzzqq'), bytes(b) == d)\n")

# name, program (guest root path), args ({input}: the raw data, {gz}/{xz}/{sql}: prepared), libraries
WORKLOADS = [
    ("pigz -9", "/usr/bin/pigz", ["-9", "-c", "{input}"], "zlib,libm"),
    ("pigz -d", "/usr/bin/pigz", ["-d", "-c", "{gz}"], "zlib,libm"),
    ("xz -6", "/usr/bin/xz", ["-6", "-T1", "-c", "{input}"], "lzma"),
    ("xz -d", "/usr/bin/xz", ["-d", "-c", "{xz}"], "lzma"),
    ("sqlite3 bulk SQL", "/usr/bin/sqlite3", [":memory:", ".read {sql}"], "sqlite3"),
    ("python3 bytes and str", "/usr/bin/python3.11", ["-c", PY_STR, "{input}"], "libm,expat"),
]


def prepare(work, mib):
    raw = os.path.join(work, f"raw-{mib}.bin")
    gen = os.path.join(work, "gen-input")
    if not os.path.exists(gen):
        subprocess.run(["gcc", "-O2", "-o", gen, os.path.join(ROOT, "tests/zlib/gen-input.c")], check=True)
    if not os.path.exists(raw):
        subprocess.run([gen, str(mib), raw], check=True)
    files = {"input": raw}
    for key, cmd in (("gz", f"pigz -6 -c {raw}"), ("xz", f"xz -6 -c {raw}"),
                     ("sql", f"python3 {ROOT}/tests/sqlite3/bulk_sql.py 20000")):
        path = os.path.join(work, f"{key}-{mib}")
        if not os.path.exists(path):
            with open(path + ".tmp", "wb") as out:
                subprocess.run(cmd, shell=True, stdout=out, check=True)
            os.rename(path + ".tmp", path)
        files[key] = path
    return files


def run(cmd):
    """Wall and CPU seconds of one run and the SHA-256 of its stdout."""
    h = hashlib.sha256()
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for chunk in iter(lambda: p.stdout.read(1 << 16), b""):
        h.update(chunk)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    if status != 0:
        sys.exit(f"memfuncs_ab: {' '.join(cmd[:6])} ... failed ({status}): {err.decode(errors='replace')[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description="A/B of dlcall run with and without --memfuncs")
    ap.add_argument("--sysroot", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--mib", type=int, default=16)
    ap.add_argument("--only")
    a = ap.parse_args()
    work = os.path.join(ROOT, "artifacts", "bench", "memfuncs")
    os.makedirs(work, exist_ok=True)
    files = prepare(work, a.mib)
    dlcall = os.path.join(ROOT, "dlcall")
    rows = []
    loads = [os.getloadavg()[0]]
    for name, prog, args, libs in WORKLOADS:
        if a.only and a.only not in name:
            continue
        argv = [x.format(**files) for x in args]
        base = [dlcall, "run", "--sysroot", a.sysroot, "--passthrough", libs]
        sides = {"off": base + ["--", a.sysroot + prog] + argv,
                 "on": base + ["--memfuncs", "--", a.sysroot + prog] + argv}
        _, _, want = run([dlcall, "run", "--sysroot", a.sysroot, "--passthrough", "none", "--", a.sysroot + prog] + argv)
        got = {"off": [], "on": []}
        for r in range(a.rounds):
            for side in (("off", "on") if r % 2 == 0 else ("on", "off")):
                wall, cpu, digest = run(sides[side])
                if digest != want:
                    sys.exit(f"memfuncs_ab: {name} ({side}): output differs from the emulated run's")
                got[side].append((wall, cpu))
            loads.append(os.getloadavg()[0])
        med = {s: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for s, v in got.items()}
        rows.append((name, med["off"], med["on"]))
        print(f"{name}: off {med['off'][0]:.2f} s wall {med['off'][1]:.2f} s cpu, "
              f"on {med['on'][0]:.2f} s wall {med['on'][1]:.2f} s cpu", file=sys.stderr)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    lines = [f"# memfuncs A/B, aarch64, {stamp}", "",
             f"{a.rounds} rounds, {a.mib} MiB input, load average {min(loads):.1f}-{max(loads):.1f}; "
             "medians; outputs identical to the emulated run's.", "",
             "| workload | wall off | wall on | on/off | CPU off | CPU on | on/off |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, off, on in rows:
        lines.append(f"| {name} | {off[0]:.2f} | {on[0]:.2f} | {on[0] / off[0]:.3f} | "
                     f"{off[1]:.2f} | {on[1]:.2f} | {on[1] / off[1]:.3f} |")
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", f"memfuncs-aarch64-{stamp}.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
