#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""lxml's own test suite (src/lxml/tests of lxml's Debian source, the version of bookworm's
python3-lxml, which ships no tests) against Debian's installed arm64 python3-lxml, fully
emulated and with libraries passed through: the same outcome per test case.

Each module runs in its own guest python3 (tests/xml2/lxml_cases.py) once per mode through
`dlcall run`. A run that dies (a crash, dlcall's stop) is a difference for every case it did not
reach. Prints wall time and passed/failed/error/skipped per module, one DIFF line per difference,
and "N cases, N differences"; exits 1 on any difference.

Usage: tests/xml2/lxml_suite.py [--modules test_errors,test_xslt] [--passthrough all]
                                [--sysroot ROOT] [--jobs N] [--out DIR]
  default modules: every test_*.py of the source (the full run, about 10 minutes emulated)
"""
import argparse
import concurrent.futures
import glob
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The source package of the guest root's python3-lxml (4.9.2-1+b1 is a rebuild of it).
SOURCE = ("lxml", "4.9.2-1", "src/lxml/tests/test_etree.py")
PACKAGES = ["python3-lxml", "python3.11"]


def lxml_source():
    script = f'cache="${{DLCALL_CACHE:-${{XDG_CACHE_HOME:-$HOME/.cache}}/dlcall}}"; die() {{ echo "$*" >&2; exit 1; }}; ' \
             f'. "{ROOT}/scripts/lib/apt.sh"; fetch_source {" ".join(SOURCE)}'
    r = subprocess.run(["bash", "-c", script], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("lxml-suite: cannot get lxml's source: " + (r.stderr.strip().splitlines() or ["?"])[-1])
    return r.stdout.strip()


def guest_root():
    r = subprocess.run(["bash", os.path.join(ROOT, "scripts/guest-sysroot.sh"), "arm64", *PACKAGES],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("lxml-suite: cannot build the arm64 guest root: " + (r.stderr.strip().splitlines() or ["?"])[-1])
    return r.stdout.strip()


def run_module(module, mode, root, src, out):
    """(seconds, rc, {case: outcome}, log) of MODULE under --passthrough MODE."""
    cases_file = os.path.join(out, f"{module}.{mode}.cases")
    log = os.path.join(out, f"{module}.{mode}.log")
    cmd = [os.path.join(ROOT, "dlcall"), "run", "--passthrough", mode, "--sysroot", root, "--",
           os.path.join(root, "usr/bin/python3"), os.path.join(ROOT, "tests/xml2/lxml_cases.py"),
           src, cases_file, module]
    start = time.monotonic()
    with open(log, "w") as f:
        rc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            timeout=3600).returncode
    cases = {}
    if os.path.exists(cases_file):
        for line in open(cases_file):
            outcome, _, name = line.rstrip("\n").partition("\t")
            cases[name] = outcome
    return time.monotonic() - start, rc, cases, log


def compare(module, e, p):
    (_, rc_e, cases_e, log_e), (_, rc_p, cases_p, log_p) = e, p
    diffs = []
    if not cases_e:
        diffs.append(f"{module}: no test case ran emulated (rc {rc_e}); see {log_e}")
    if rc_e in (0, 1) and rc_p not in (0, 1):
        diffs.append(f"{module}: the passthrough run died (rc {rc_p}), emulated did not; see {log_p}")
    for name in sorted(set(cases_e) | set(cases_p), key=lambda n: n):
        a, b = cases_e.get(name, "absent"), cases_p.get(name, "absent")
        if a != b:
            diffs.append(f"{module}: {name}: emulated {a}, passthrough {b}")
    return diffs


def counts(c):
    return "/".join(str(sum(1 for v in c.values() if v == k)) for k in ("passed", "failed", "error", "skipped"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modules", help="comma-separated test modules (default: all)")
    ap.add_argument("--passthrough", default="all")
    ap.add_argument("--sysroot")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(ROOT, "artifacts", "lxml-suite"))
    args = ap.parse_args()
    src = lxml_source()
    available = sorted(os.path.basename(f)[:-3] for f in glob.glob(os.path.join(src, "src/lxml/tests/test_*.py")))
    modules = args.modules.split(",") if args.modules else available
    unknown = [m for m in modules if m not in available]
    if unknown:
        sys.exit(f"lxml-suite: no such test module in lxml's source: {', '.join(unknown)}")
    root = args.sysroot or guest_root()
    os.makedirs(args.out, exist_ok=True)

    jobs = [(m, mode) for m in modules for mode in ("none", args.passthrough)]
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {j: pool.submit(run_module, *j, root, src, args.out) for j in jobs}
        results = {j: f.result() for j, f in futures.items()}

    print(f"{'module':<26} {'emulated s':>10} {'passthru s':>10}  {'pass/fail/error/skip emulated':>30} {'passthrough':>14}")
    diffs, total = [], 0
    for m in modules:
        e, p = results[(m, "none")], results[(m, args.passthrough)]
        total += len(set(e[2]) | set(p[2]))
        print(f"{m:<26} {e[0]:>10.1f} {p[0]:>10.1f}  {counts(e[2]):>30} {counts(p[2]):>14}")
        diffs += compare(m, e, p)
    for d in diffs:
        print("DIFF " + d)
    print(f"{total} cases, {len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
