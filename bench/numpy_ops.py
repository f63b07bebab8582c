#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""One numpy linear-algebra operation, timed: the workload of the numpy rows of
bench/workloads.json (`dlcall bench programs`), and a stand-alone measure of the kernel alone.

    numpy_ops.py OP N REPS      OP: matmul, solve, qr, svd on N x N float64

Runs OP once to warm up, then REPS times. stdout gets a verdict that does not depend on the
BLAS kernels (the result checked against the input with numpy's own tolerances: BLAS kernels
differ between ISAs in summation order, so the bits may differ; docs/Blas.md), so native,
emulated and passed-through runs print the same thing. stderr gets the seconds per call, also
as a line `seconds per call: S` that the numpy rows' "reportedSeconds" reads: `dlcall bench
programs` then compares the operation itself, not python's start-up and numpy's import, which
are emulated in both guest runs and dominate the whole process's time there.
"""
import sys
import time

import numpy as np


def main():
    op, n, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = np.random.default_rng(400)
    a = rng.standard_normal((n, n))
    b = rng.standard_normal((n, n))
    run, check = {
        "matmul": (lambda: a @ b, lambda c: np.allclose(c[:8], np.einsum("ik,kj->ij", a[:8], b))),
        "solve": (lambda: np.linalg.solve(a, b), lambda x: np.allclose(a @ x, b)),
        "qr": (lambda: np.linalg.qr(a), lambda qr: np.allclose(qr[0] @ qr[1], a)),
        "svd": (lambda: np.linalg.svd(a), lambda usv: np.allclose((usv[0] * usv[1]) @ usv[2], a)),
    }[op]
    result = run()
    start = time.perf_counter()
    for _ in range(reps):
        run()
    per_call = (time.perf_counter() - start) / reps
    print(f"{op} {n}x{n}: {'ok' if check(result) else 'WRONG'}")
    print(f"{op} {n}x{n}: {per_call:.4f} s per call", file=sys.stderr)
    print(f"seconds per call: {per_call:.6g}", file=sys.stderr)
    return 0 if check(result) else 1


if __name__ == "__main__":
    sys.exit(main())
