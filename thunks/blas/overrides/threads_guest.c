/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guest's OPENBLAS_NUM_THREADS for the host's OpenBLAS (spec guestInit; docs/Blas.md).
 *
 * The host OpenBLAS reads its thread count from QEMU's environment when it loads. The guest
 * starts with that environment, but a guest program may set its own before it loads BLAS
 * (Python's os.environ["OPENBLAS_NUM_THREADS"] = "1" before "import numpy", a wrapper script
 * exporting it for one child): what the guest's OpenBLAS would have seen then never reaches the
 * host's. So the stub reads the guest's environment with OpenBLAS's own rule (the first of
 * OPENBLAS_NUM_THREADS, GOTO_NUM_THREADS, OMP_NUM_THREADS that holds a positive number) and
 * sets the host OpenBLAS's count to it; with none set, the host keeps its own default.
 */
#include "dlcall_stub.h"

void dlcall_guest_init(void)
{
    static const char *const names[] = { "OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS" };

    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        const char *value = getenv(names[i]);
        int threads = value != NULL ? atoi(value) : 0, ignored;

        if (threads > 0) {
            dlcall_invoke(dlcall__host_fn("dlcall_openblas_threads"), &threads, &ignored);
            return;
        }
    }
}
