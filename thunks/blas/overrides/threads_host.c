/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host half of threads_guest.c: sets the host OpenBLAS's thread count to the guest's choice.
 * Built into the blas and lapack thunk libraries (spec hostSources).
 */
#include "dlcall_thunks.h"

void openblas_set_num_threads(int threads);

/* dlcall_invoke(dlcall__host_fn("dlcall_openblas_threads"), &threads, &ignored) */
void dlcall_openblas_threads(void *args, void *ret)
{
    openblas_set_num_threads(*(const int *)args);
    *(int *)ret = 0;
}
