/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Prototypes of the reference BLAS's Fortran-ABI functions (dgemm_...), which no Debian header
 * declares (cblas_f77.h declares only CBLAS's own wrappers): the thunk generator reads them to
 * pass libblas.so.3's Fortran names through (thunks/blas/spec.json).
 *
 * The ABI is gfortran's, the one Debian's libblas.so.3 providers (reference BLAS, OpenBLAS,
 * BLIS) are built with, LP64: every argument by pointer, INTEGER is int, a CHARACTER argument
 * is a char * plus a hidden size_t length passed after the last argument, in order. BLAS reads
 * only the first character, so callers that omit the lengths (numpy, most C code) still work:
 * the lengths the stub then forwards are whatever the registers held, and nobody reads them.
 * Complex arrays are interleaved (re, im) float/double arrays.
 *
 * Left out on purpose, so they are served by the real guest library (fallbackToGuest): the
 * functions returning COMPLEX by value (cdotc_, zdotu_...), whose return convention differs
 * between compilers, lsame_/xerbla_ (error reporting; the guest's own), and OpenBLAS's
 * extensions (?axpby_, ?omatcopy_, ?amax_...).
 */
#ifndef DLCALL_BLAS_FORTRAN_H
#define DLCALL_BLAS_FORTRAN_H

#include <stddef.h>

/* One prototype per shape; P is the prefix (s, d, c, z), T the element type as the array's
 * scalar (float or double), R the real type of real-valued scalars of complex routines. */

/* Level 1 */
#define BLAS_SWAP(P, T) void P##swap_(const int *n, T *x, const int *incx, T *y, const int *incy);
#define BLAS_SCAL(P, T, A) void P##scal_(const int *n, const A *alpha, T *x, const int *incx);
#define BLAS_COPY(P, T) void P##copy_(const int *n, const T *x, const int *incx, T *y, const int *incy);
#define BLAS_AXPY(P, T) void P##axpy_(const int *n, const T *alpha, const T *x, const int *incx, T *y, const int *incy);
#define BLAS_REDUCE(NAME, R, T) R NAME##_(const int *n, const T *x, const int *incx);

/* Level 2 */
#define BLAS_GEMV(P, T) void P##gemv_(const char *trans, const int *m, const int *n, const T *alpha, const T *a, \
    const int *lda, const T *x, const int *incx, const T *beta, T *y, const int *incy, size_t trans_len);
#define BLAS_GBMV(P, T) void P##gbmv_(const char *trans, const int *m, const int *n, const int *kl, const int *ku, \
    const T *alpha, const T *a, const int *lda, const T *x, const int *incx, const T *beta, T *y, const int *incy, \
    size_t trans_len);
#define BLAS_SYMV(NAME, T) void NAME##_(const char *uplo, const int *n, const T *alpha, const T *a, const int *lda, \
    const T *x, const int *incx, const T *beta, T *y, const int *incy, size_t uplo_len);
#define BLAS_SBMV(NAME, T) void NAME##_(const char *uplo, const int *n, const int *k, const T *alpha, const T *a, \
    const int *lda, const T *x, const int *incx, const T *beta, T *y, const int *incy, size_t uplo_len);
#define BLAS_SPMV(NAME, T) void NAME##_(const char *uplo, const int *n, const T *alpha, const T *ap, const T *x, \
    const int *incx, const T *beta, T *y, const int *incy, size_t uplo_len);
#define BLAS_TRMV(NAME, T) void NAME##_(const char *uplo, const char *trans, const char *diag, const int *n, \
    const T *a, const int *lda, T *x, const int *incx, size_t uplo_len, size_t trans_len, size_t diag_len);
#define BLAS_TBMV(NAME, T) void NAME##_(const char *uplo, const char *trans, const char *diag, const int *n, \
    const int *k, const T *a, const int *lda, T *x, const int *incx, size_t uplo_len, size_t trans_len, \
    size_t diag_len);
#define BLAS_TPMV(NAME, T) void NAME##_(const char *uplo, const char *trans, const char *diag, const int *n, \
    const T *ap, T *x, const int *incx, size_t uplo_len, size_t trans_len, size_t diag_len);
#define BLAS_GER(NAME, T) void NAME##_(const int *m, const int *n, const T *alpha, const T *x, const int *incx, \
    const T *y, const int *incy, T *a, const int *lda);
#define BLAS_SYR(NAME, T, A) void NAME##_(const char *uplo, const int *n, const A *alpha, const T *x, \
    const int *incx, T *a, const int *lda, size_t uplo_len);
#define BLAS_SPR(NAME, T, A) void NAME##_(const char *uplo, const int *n, const A *alpha, const T *x, \
    const int *incx, T *ap, size_t uplo_len);
#define BLAS_SYR2(NAME, T) void NAME##_(const char *uplo, const int *n, const T *alpha, const T *x, \
    const int *incx, const T *y, const int *incy, T *a, const int *lda, size_t uplo_len);
#define BLAS_SPR2(NAME, T) void NAME##_(const char *uplo, const int *n, const T *alpha, const T *x, \
    const int *incx, const T *y, const int *incy, T *ap, size_t uplo_len);

/* Level 3 */
#define BLAS_GEMM(P, T) void P##gemm_(const char *transa, const char *transb, const int *m, const int *n, \
    const int *k, const T *alpha, const T *a, const int *lda, const T *b, const int *ldb, const T *beta, T *c, \
    const int *ldc, size_t transa_len, size_t transb_len);
#define BLAS_SYMM(NAME, T) void NAME##_(const char *side, const char *uplo, const int *m, const int *n, \
    const T *alpha, const T *a, const int *lda, const T *b, const int *ldb, const T *beta, T *c, const int *ldc, \
    size_t side_len, size_t uplo_len);
#define BLAS_SYRK(NAME, T, A) void NAME##_(const char *uplo, const char *trans, const int *n, const int *k, \
    const A *alpha, const T *a, const int *lda, const A *beta, T *c, const int *ldc, size_t uplo_len, \
    size_t trans_len);
#define BLAS_SYR2K(NAME, T, B) void NAME##_(const char *uplo, const char *trans, const int *n, const int *k, \
    const T *alpha, const T *a, const int *lda, const T *b, const int *ldb, const B *beta, T *c, const int *ldc, \
    size_t uplo_len, size_t trans_len);
#define BLAS_TRMM(NAME, T) void NAME##_(const char *side, const char *uplo, const char *transa, const char *diag, \
    const int *m, const int *n, const T *alpha, const T *a, const int *lda, T *b, const int *ldb, \
    size_t side_len, size_t uplo_len, size_t transa_len, size_t diag_len);

/* Real: s (float), d (double). */
#define BLAS_REAL(P, T) \
    void P##rotg_(T *a, T *b, T *c, T *s); \
    void P##rotmg_(T *d1, T *d2, T *x1, const T *y1, T *param); \
    void P##rot_(const int *n, T *x, const int *incx, T *y, const int *incy, const T *c, const T *s); \
    void P##rotm_(const int *n, T *x, const int *incx, T *y, const int *incy, const T *param); \
    BLAS_SWAP(P, T) BLAS_SCAL(P, T, T) BLAS_COPY(P, T) BLAS_AXPY(P, T) \
    T P##dot_(const int *n, const T *x, const int *incx, const T *y, const int *incy); \
    BLAS_REDUCE(P##nrm2, T, T) BLAS_REDUCE(P##asum, T, T) BLAS_REDUCE(i##P##amax, int, T) \
    BLAS_GEMV(P, T) BLAS_GBMV(P, T) BLAS_SYMV(P##symv, T) BLAS_SBMV(P##sbmv, T) BLAS_SPMV(P##spmv, T) \
    BLAS_TRMV(P##trmv, T) BLAS_TBMV(P##tbmv, T) BLAS_TPMV(P##tpmv, T) \
    BLAS_TRMV(P##trsv, T) BLAS_TBMV(P##tbsv, T) BLAS_TPMV(P##tpsv, T) \
    BLAS_GER(P##ger, T) BLAS_SYR(P##syr, T, T) BLAS_SPR(P##spr, T, T) BLAS_SYR2(P##syr2, T) BLAS_SPR2(P##spr2, T) \
    BLAS_GEMM(P, T) BLAS_SYMM(P##symm, T) BLAS_SYRK(P##syrk, T, T) BLAS_SYR2K(P##syr2k, T, T) \
    BLAS_TRMM(P##trmm, T) BLAS_TRMM(P##trsm, T)

/* Complex: c (float pairs), z (double pairs); R is the real-valued scalar of the same precision
 * (csscal's alpha, cher's alpha, cherk's alpha and beta...). */
#define BLAS_COMPLEX(P, T, R) \
    BLAS_SWAP(P, T) BLAS_SCAL(P, T, T) BLAS_COPY(P, T) BLAS_AXPY(P, T) \
    BLAS_GEMV(P, T) BLAS_GBMV(P, T) BLAS_SYMV(P##hemv, T) BLAS_SBMV(P##hbmv, T) BLAS_SPMV(P##hpmv, T) \
    BLAS_TRMV(P##trmv, T) BLAS_TBMV(P##tbmv, T) BLAS_TPMV(P##tpmv, T) \
    BLAS_TRMV(P##trsv, T) BLAS_TBMV(P##tbsv, T) BLAS_TPMV(P##tpsv, T) \
    BLAS_GER(P##geru, T) BLAS_GER(P##gerc, T) BLAS_SYR(P##her, T, R) BLAS_SPR(P##hpr, T, R) \
    BLAS_SYR2(P##her2, T) BLAS_SPR2(P##hpr2, T) \
    BLAS_GEMM(P, T) BLAS_SYMM(P##symm, T) BLAS_SYMM(P##hemm, T) BLAS_SYRK(P##syrk, T, T) BLAS_SYRK(P##herk, T, R) \
    BLAS_SYR2K(P##syr2k, T, T) BLAS_SYR2K(P##her2k, T, R) BLAS_TRMM(P##trmm, T) BLAS_TRMM(P##trsm, T)

BLAS_REAL(s, float)
BLAS_REAL(d, double)
BLAS_COMPLEX(c, float, float)
BLAS_COMPLEX(z, double, double)

/* Mixed precision and the complex ones with real results or arguments. */
float sdsdot_(const int *n, const float *sb, const float *x, const int *incx, const float *y, const int *incy);
double dsdot_(const int *n, const float *x, const int *incx, const float *y, const int *incy);
BLAS_REDUCE(scnrm2, float, float)
BLAS_REDUCE(scasum, float, float)
BLAS_REDUCE(icamax, int, float)
BLAS_REDUCE(dznrm2, double, double)
BLAS_REDUCE(dzasum, double, double)
BLAS_REDUCE(izamax, int, double)
void csscal_(const int *n, const float *alpha, float *x, const int *incx);
void zdscal_(const int *n, const double *alpha, double *x, const int *incx);
void csrot_(const int *n, float *x, const int *incx, float *y, const int *incy, const float *c, const float *s);
void zdrot_(const int *n, double *x, const int *incx, double *y, const int *incy, const double *c, const double *s);
void crotg_(float *a, const float *b, float *c, float *s);
void zrotg_(double *a, const double *b, double *c, double *s);
float scabs1_(const float *z);
double dcabs1_(const double *z);

#endif
