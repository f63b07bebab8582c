# SPDX-License-Identifier: GPL-2.0-or-later
"""Fortran-ABI BLAS and LAPACK calls through ctypes, as C and Fortran programs make them.

numpy reaches BLAS through CBLAS (cblas_dgemm) and LAPACK through its Fortran names without the
hidden string lengths; this calls the Fortran names of libblas.so.3 and liblapack.so.3 directly,
with the hidden size_t lengths after the last argument, and prints what they computed: the
stubs' argument blocks (every argument a pointer, CHARACTER lengths, REAL results in s0), a
function served by the real guest library (dlamch_) and the library's own error message.
Integer-valued inputs keep BLAS results exact whatever the kernels' summation order; LAPACK
results are checked with numpy's tolerances (assert_allclose). Run emulated and passed
through, the output must be the same (NumpyBlasTests.FortranAbiCallsGiveTheEmulatedResults).
"""
import ctypes as C

blas = C.CDLL("libblas.so.3")
lapack = C.CDLL("liblapack.so.3")
libc = C.CDLL(None)
I, D, F, S = C.c_int, C.c_double, C.c_float, C.c_size_t

# First, before numpy is imported: numpy's extension modules define their own xerbla_, which
# OpenBLAS binds to when numpy loads it first (it raises ValueError instead of printing;
# docs/Blas.md). Loaded here first, OpenBLAS binds its own, which prints the library's message
# for an illegal argument: with the host's stdio when passed through. The line must come out
# where the guest, flushing its stdio after the call as a C program would, expects it: before
# the next line (host stdout was fully buffered and printed it at exit; native/host/host_stdout.c).
one, zero = (D * 1)(1.0), D(0.0)
blas.dgemm_(C.c_char_p(b"X"), C.c_char_p(b"N"), C.byref(I(1)), C.byref(I(1)), C.byref(I(1)), C.byref(D(1.0)), one,
            C.byref(I(1)), one, C.byref(I(1)), C.byref(zero), (D * 1)(), C.byref(I(1)), S(1), S(1))
libc.fflush(None)
print("after the illegal dgemm_", flush=True)

import numpy as np  # noqa: E402 (after the xerbla_ case, above)


def ref(x):
    return C.byref(x)


def arr(a):
    return a.ctypes.data_as(C.c_void_p)


def show(name, value):
    print(name, np.array2string(np.asarray(value), precision=6, separator=","), flush=True)


def gemm(fn, dtype, transa, transb, a, b, alpha, beta, c):
    """C = alpha op(A) op(B) + beta C, column-major (Fortran order) arrays."""
    m, k = (a.shape if transa == b"N" else a.shape[::-1])
    n = b.shape[1] if transb == b"N" else b.shape[0]
    scalar = (lambda v: (C.c_float * 2)(v.real, v.imag)) if dtype == np.complex64 else \
             (lambda v: (C.c_double * 2)(v.real, v.imag)) if dtype == np.complex128 else \
             (lambda v: F(v)) if dtype == np.float32 else (lambda v: D(v))
    al, be = scalar(alpha), scalar(beta)
    fn(C.c_char_p(transa), C.c_char_p(transb), ref(I(m)), ref(I(n)), ref(I(k)), ref(al), arr(a), ref(I(a.shape[0])),
       arr(b), ref(I(b.shape[0])), ref(be), arr(c), ref(I(c.shape[0])), S(1), S(1))
    return c


rng = np.random.default_rng(15)
A = np.asfortranarray(rng.integers(-9, 10, (5, 4)).astype(np.float64))
B = np.asfortranarray(rng.integers(-9, 10, (5, 3)).astype(np.float64))
Cm = np.asfortranarray(rng.integers(-9, 10, (4, 3)).astype(np.float64))

# Level 3, both transpose flags, alpha and beta: exact for integers.
show("dgemm_ T N", gemm(blas.dgemm_, np.float64, b"T", b"N", A, B, 2.0, -1.0, Cm.copy(order="F")))
assert np.array_equal(gemm(blas.dgemm_, np.float64, b"T", b"N", A, B, 2.0, -1.0, Cm.copy(order="F")), 2 * A.T @ B - Cm)
show("sgemm_ N T", gemm(blas.sgemm_, np.float32, b"N", b"T", np.asfortranarray(A.T, np.float32),
                       np.asfortranarray(B.T, np.float32), 1.0, 0.0, np.zeros((4, 3), np.float32, order="F")))
Z = np.asfortranarray(A[:3, :3] + 1j * B[:3, :3])
show("zgemm_ C N", gemm(blas.zgemm_, np.complex128, b"C", b"N", Z, Z, 1 + 1j, 0, np.zeros((3, 3), np.complex128, order="F")))
assert np.array_equal(gemm(blas.zgemm_, np.complex128, b"C", b"N", Z, Z, 1 + 1j, 0, np.zeros((3, 3), np.complex128, order="F")),
                      (1 + 1j) * Z.conj().T @ Z)

# Level 1: a REAL result (float in s0), DOUBLE PRECISION results, an INTEGER result.
x, y = A[:, 0].copy(), A[:, 1].copy()
blas.sdot_.restype, blas.ddot_.restype, blas.dnrm2_.restype, blas.idamax_.restype = F, D, D, I
xs, ys = x.astype(np.float32), y.astype(np.float32)
show("sdot_", blas.sdot_(ref(I(5)), arr(xs), ref(I(1)), arr(ys), ref(I(1))))
show("ddot_ stride 2", blas.ddot_(ref(I(3)), arr(x), ref(I(2)), arr(y), ref(I(2))))
show("dnrm2_", blas.dnrm2_(ref(I(2)), arr(np.array([3.0, 4.0])), ref(I(1))))
show("idamax_", blas.idamax_(ref(I(5)), arr(x), ref(I(1))))
blas.daxpy_(ref(I(5)), ref(D(3.0)), arr(x), ref(I(1)), arr(y), ref(I(1)))
show("daxpy_", y)

# Level 2 with three CHARACTER arguments (three hidden lengths).
T = np.asfortranarray(np.triu(A[:4, :4]))
v = np.arange(1.0, 5.0)
blas.dtrmv_(C.c_char_p(b"U"), C.c_char_p(b"N"), C.c_char_p(b"N"), ref(I(4)), arr(T), ref(I(4)), arr(v), ref(I(1)),
            S(1), S(1), S(1))
show("dtrmv_ U N N", v)

# LAPACK: solve, Cholesky, symmetric eigenvalues (JOBZ, UPLO), SVD; against numpy's tolerances.
M = np.asfortranarray(A.T @ A + 5 * np.eye(4))
rhs = np.asfortranarray(B[:4, :].copy())
lu, piv, info = M.copy(order="F"), np.zeros(4, np.int32), I()
lapack.dgesv_(ref(I(4)), ref(I(3)), arr(lu), ref(I(4)), arr(piv), arr(rhs), ref(I(4)), ref(info))
np.testing.assert_allclose(M @ rhs, B[:4, :], rtol=1e-10, atol=1e-10)
show("dgesv_ info, pivots", [info.value, *piv])

L = M.copy(order="F")
lapack.dpotrf_(C.c_char_p(b"L"), ref(I(4)), arr(L), ref(I(4)), ref(info), S(1))
np.testing.assert_allclose(np.tril(L) @ np.tril(L).T, M, rtol=1e-12)
show("dpotrf_ info", info.value)

W, Q = np.zeros(4), M.copy(order="F")
work, lwork = np.zeros(64), I(64)
lapack.dsyev_(C.c_char_p(b"V"), C.c_char_p(b"U"), ref(I(4)), arr(Q), ref(I(4)), arr(W), arr(work), ref(lwork),
              ref(info), S(1), S(1))
np.testing.assert_allclose(W, np.linalg.eigvalsh(M), rtol=1e-12)
np.testing.assert_allclose(Q @ np.diag(W) @ Q.T, M, rtol=1e-10)
show("dsyev_ info", info.value)

sv, U, VT, iwork = np.zeros(4), np.zeros((5, 5), order="F"), np.zeros((4, 4), order="F"), np.zeros(32, np.int32)
work = np.zeros(512)
lapack.dgesdd_(C.c_char_p(b"A"), ref(I(5)), ref(I(4)), arr(A.copy(order="F")), ref(I(5)), arr(sv), arr(U), ref(I(5)),
               arr(VT), ref(I(4)), arr(work), ref(I(512)), arr(iwork), ref(info), S(1))
np.testing.assert_allclose(sv, np.linalg.svd(A, compute_uv=False), rtol=1e-12)
show("dgesdd_ info", info.value)

# A function lapack.h does not declare: served by the real guest library (fallbackToGuest).
lapack.dlamch_.restype = D
show("dlamch_ E", lapack.dlamch_(C.c_char_p(b"E"), S(1)))

print("PASS fortran_abi", flush=True)
