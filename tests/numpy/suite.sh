#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# numpy's own tests (Debian's arm64 python3-numpy, run by Debian's python3-pytest) under
# `dlcall run`, once fully emulated and once with libblas.so.3 and liblapack.so.3 passed
# through to the host's OpenBLAS; compares the outcome of every test case (pytest's JUnit XML).
# A case that passes in one run and fails, errors or skips in the other, a case only one run
# has, or a run that dies, is a difference: exit 1. See docs/Blas.md.
#
# Usage: tests/numpy/suite.sh [--full] [--out DIR] [-- pytest arguments]
#   default: the CI subset (NumpyBlasTests): test_linalg.py's solve, inv, det, multi-dot and
#            cholesky classes, numpy.core's matmul class and einsum's float64 and complex128
#            sums (with optimize=True: through BLAS), chosen to fit 3-4 minutes on this 2-core
#            machine when it is not shared (TestSolve and TestDet alone: 12 minutes per run at
#            load 40)
#   --full:  numpy.linalg's tests and numpy.core's test_einsum.py and test_multiarray.py's
#            matmul, dot and inner tests (17 min 40 s in an earlier run: 718 s emulated, 131 s
#            passed through)
set -euo pipefail
root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
np=/usr/lib/python3/dist-packages/numpy
mode=ci out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --full) mode=full; shift ;;
        --out) out=$2; shift 2 ;;
        --) shift; break ;;
        *) echo "suite.sh: unknown argument $1 (see its header)" >&2; exit 2 ;;
    esac
done
if [ $# -gt 0 ]; then
    selection=("$@")
elif [ "$mode" = full ]; then
    selection=("$np/linalg/tests" "$np/core/tests/test_einsum.py"
               "$np/core/tests/test_multiarray.py" -k "matmul or Matmul or dot or Dot or inner or Inner or einsum")
else
    # Each run starts python, pytest, hypothesis and numpy emulated (minutes on a loaded machine):
    # few modules, and the classes that reach BLAS and LAPACK the most.
    t=$np/linalg/tests/test_linalg.py
    selection=("$t::TestSolve" "$t::TestInv" "$t::TestDet" "$t::TestMultiDot" "$t::TestCholesky"
               "$np/core/tests/test_multiarray.py::TestMatmul"
               "$np/core/tests/test_einsum.py::TestEinsum::test_einsum_sums_float64"
               "$np/core/tests/test_einsum.py::TestEinsum::test_einsum_sums_cfloat128")
fi
out=${out:-$root_dir/artifacts/numpy/suite-$mode}
mkdir -p "$out"

dlcall=$root_dir/dlcall
guest_root=$("$dlcall" sysroot --arch aarch64 python3-numpy python3-pytest python3-hypothesis libopenblas0-pthread)

# One OpenBLAS thread on both sides (docs/Blas.md, "Threads"): the emulated run's guest
# threads and the passed-through run's host threads both busy-wait for work, which on a small
# loaded machine turns minutes into tens of minutes; results do not depend on it.
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}

run() { # NAME PASSTHROUGH
    local start=$SECONDS status=0
    # -p no:cacheprovider: nothing written into the guest root; derandomized hypothesis
    # ("np.test() profile", numpy's conftest) so both runs draw the same examples.
    "$dlcall" run --passthrough "$2" --sysroot "$guest_root" -- "$guest_root/usr/bin/python3" -m pytest \
        -p no:cacheprovider -q -rN --junitxml="$out/$1.xml" "${selection[@]}" >"$out/$1.log" 2>&1 || status=$?
    echo "$1: exit $status, $((SECONDS - start)) s ($(tail -n1 "$out/$1.log"))"
}
run emulated none
run passthrough blas,lapack

python3 - "$out/emulated.xml" "$out/passthrough.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
def outcomes(path):
    try:
        cases = ET.parse(path).getroot().iter("testcase")
    except (OSError, ET.ParseError) as e:
        sys.exit(f"no test results in {path} ({e}): the run died, see its .log")
    result = {}
    for c in cases:
        kinds = [child.tag for child in c if child.tag in ("failure", "error", "skipped")]
        result[c.get("classname") + "::" + c.get("name")] = kinds[0] if kinds else "passed"
    return result
emulated, passthrough = outcomes(sys.argv[1]), outcomes(sys.argv[2])
diffs = [(k, emulated.get(k, "absent"), passthrough.get(k, "absent"))
         for k in sorted(emulated.keys() | passthrough.keys()) if emulated.get(k) != passthrough.get(k)]
for k, e, p in diffs:
    print(f"DIFF {k}: emulated {e}, passed through {p}")
counts = {o: sum(1 for v in passthrough.values() if v == o) for o in ("passed", "failure", "error", "skipped")}
print(f"{len(passthrough)} test cases ({counts['passed']} passed, {counts['failure']} failed, "
      f"{counts['error']} errors, {counts['skipped']} skipped), {len(diffs)} differences")
sys.exit(1 if diffs or not passthrough else 0)
PY
