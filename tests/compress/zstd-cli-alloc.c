/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * For the zstd CLI linked against libzstd.so.1 (build.sh): zstd 1.5.4's pool.c calls these
 * three, which live in zstd_common.c with the rest of libzstd's exported API. Compiling
 * zstd_common.c into the program would give it private copies of ZSTD_isError and friends,
 * shadowing the library's; these are the same definitions (zstd 1.5.5 made them static
 * inline in allocations.h for exactly this reason).
 */
#include <stdlib.h>
#include <string.h>

#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

void *ZSTD_customMalloc(size_t size, ZSTD_customMem customMem);
void *ZSTD_customCalloc(size_t size, ZSTD_customMem customMem);
void ZSTD_customFree(void *ptr, ZSTD_customMem customMem);

void *ZSTD_customMalloc(size_t size, ZSTD_customMem customMem)
{
    if (customMem.customAlloc) {
        return customMem.customAlloc(customMem.opaque, size);
    }
    return malloc(size);
}

void *ZSTD_customCalloc(size_t size, ZSTD_customMem customMem)
{
    if (customMem.customAlloc) {
        void *p = customMem.customAlloc(customMem.opaque, size);

        if (p != NULL) {
            memset(p, 0, size);
        }
        return p;
    }
    return calloc(1, size);
}

void ZSTD_customFree(void *ptr, ZSTD_customMem customMem)
{
    if (ptr == NULL) {
        return;
    }
    if (customMem.customFree) {
        customMem.customFree(customMem.opaque, ptr);
    } else {
        free(ptr);
    }
}
