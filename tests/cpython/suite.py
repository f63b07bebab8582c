#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""CPython's own regression tests (Debian's libpython3.11-testsuite) under Debian's arm64
python3.11, fully emulated and with libraries passed through: the same outcome per test case.

Each module runs in its own regrtest invocation, once per mode, through `dlcall run`. The
outcome of every test case (regrtest's --junit-xml) is compared between the two modes; a
module whose interpreter died (a crash: no XML, or a signal) counts as a difference. Prints a
table (wall time per mode, cases passed / failed / skipped) and exits 1 on any difference.

Usage: tests/cpython/suite.py [--modules test_zlib,test_math] [--passthrough all]
                              [--sysroot ROOT] [--jobs N] [--regrtest-jobs N] [--together]
                              [--out DIR]
  --jobs N           modules run N at a time (default 1: the machine has 2 cores and each
                     QEMU is one busy thread)
  --regrtest-jobs N  regrtest's own -jN (its workers are guest python3.11 children: needs
                     exec following)
  --match NAME       regrtest's -m: only the tests matching NAME (repeatable)
  --together         all modules in one regrtest invocation (with --regrtest-jobs, its
                     workers run them side by side)
"""
import argparse
import concurrent.futures
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The modules backed by libraries dlcall passes through (zlib, libm, lzma, zstd, bz2, sqlite3,
# crypto, ssl, expat), and the archive modules that exercise zlib/lzma through real files.
# Debian's package has no test_sqlite3, and test_zipfile64 runs nothing without regrtest's
# extralargefile resource. test_ssl: libssl and libcrypto (docs/Ssl.md).
FULL = ["test_zlib", "test_lzma", "test_hashlib", "test_math", "test_cmath", "test_gzip",
        "test_zipfile", "test_tarfile", "test_binascii", "test_zipimport", "test_shutil",
        "test_statistics", "test_fractions", "test_random", "test_float", "test_complex",
        "test_hmac", "test_bz2", "test_pyexpat", "test_xml_etree", "test_minidom", "test_sax",
        "test_ssl"]

# Guest packages: the interpreter, its test suite, and the real libraries behind the modules.
PACKAGES = ["libc6", "python3.11", "libpython3.11-testsuite", "zlib1g", "liblzma5", "libzstd1",
            "libsqlite3-0", "libssl3", "libbz2-1.0", "libexpat1", "dash", "coreutils"]


def guest_root():
    r = subprocess.run(["bash", os.path.join(ROOT, "scripts/guest-sysroot.sh"), "arm64", *PACKAGES],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("suite: cannot build the arm64 guest root: " + r.stderr.strip().splitlines()[-1])
    return r.stdout.strip()


def run_module(module, mode, root, out, regrtest_jobs, match=()):
    """One regrtest run of MODULE with --passthrough MODE: (seconds, rc, {case: outcome}, log)."""
    xml = os.path.join(out, f"{module}.{mode}.xml")
    log = os.path.join(out, f"{module}.{mode}.log")
    if os.path.exists(xml):
        os.unlink(xml)
    cmd = [os.path.join(ROOT, "dlcall"), "run", "--passthrough", mode, "--sysroot", root, "--",
           os.path.join(root, "usr/bin/python3.11"), "-m", "test", "--junit-xml", xml,
           "--timeout", "1200"]
    if regrtest_jobs:
        cmd += [f"-j{regrtest_jobs}"]
    for m in match:
        cmd += ["-m", m]
    cmd += module.split("+")
    start = time.monotonic()
    with open(log, "w") as f:
        rc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            cwd=out).returncode
    return time.monotonic() - start, rc, cases(xml), log


def cases(xml):
    """{class.name: passed|failed|error|skipped} from regrtest's JUnit XML, None if absent."""
    if not os.path.exists(xml):
        return None
    try:
        tree = ET.parse(xml)
    except ET.ParseError:
        return None
    result = {}
    for case in tree.iter("testcase"):
        name = case.get("classname", "") + "." + case.get("name", "")
        outcome = "passed"
        for tag in ("failure", "error", "skipped"):
            if case.find(tag) is not None:
                outcome = {"failure": "failed"}.get(tag, tag)
        result[name] = outcome
    return result


def compare(module, emulated, passed):
    """The differences between the two runs of MODULE, as lines."""
    (_, rc_e, cases_e, log_e), (_, rc_p, cases_p, log_p) = emulated, passed
    if cases_p is None or rc_p < 0:
        return [f"{module}: passthrough run died (rc {rc_p}); see {log_p}"]
    if cases_e is None or rc_e < 0:
        return [f"{module}: emulated run died (rc {rc_e}); see {log_e}"]
    diffs = []
    for name in sorted(set(cases_e) | set(cases_p)):
        e, p = cases_e.get(name, "absent"), cases_p.get(name, "absent")
        if e != p:
            diffs.append(f"{module}: {name}: emulated {e}, passthrough {p}")
    if not cases_e:
        diffs.append(f"{module}: no test case ran; see {log_e}")
    return diffs


def counts(c):
    if c is None:
        return "died"
    return "/".join(str(sum(1 for v in c.values() if v == k)) for k in ("passed", "failed", "skipped"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modules", default=",".join(FULL))
    ap.add_argument("--passthrough", default="all")
    ap.add_argument("--sysroot")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--regrtest-jobs", type=int, default=0)
    ap.add_argument("--together", action="store_true")
    ap.add_argument("--match", action="append", default=[], help="regrtest -m: only these tests")
    ap.add_argument("--out", default=os.path.join(ROOT, "artifacts", "cpython"))
    args = ap.parse_args()
    modules = [m for m in args.modules.split(",") if m]
    if args.together:
        modules = ["+".join(modules)]
    root = args.sysroot or guest_root()
    os.makedirs(args.out, exist_ok=True)

    jobs = [(m, mode) for m in modules for mode in ("none", args.passthrough)]
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {j: pool.submit(run_module, *j, root, args.out, args.regrtest_jobs, args.match) for j in jobs}
        results = {j: f.result() for j, f in futures.items()}

    print(f"{'module':<18} {'emulated s':>10} {'passthru s':>10} {'ratio':>6}  "
          f"{'pass/fail/skip emulated':>24} {'passthrough':>12}")
    diffs = []
    for m in modules:
        e, p = results[(m, "none")], results[(m, args.passthrough)]
        print(f"{m[:18]:<18} {e[0]:>10.1f} {p[0]:>10.1f} {e[0] / max(p[0], 1e-9):>5.1f}x  "
              f"{counts(e[2]):>24} {counts(p[2]):>12}")
        diffs += compare(m, e, p)
    total_e = sum(results[(m, "none")][0] for m in modules)
    total_p = sum(results[(m, args.passthrough)][0] for m in modules)
    print(f"{'total':<18} {total_e:>10.1f} {total_p:>10.1f} {total_e / max(total_p, 1e-9):>5.1f}x")
    for d in diffs:
        print("DIFF " + d)
    print(f"{len(modules)} modules, {len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
