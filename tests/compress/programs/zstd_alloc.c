// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libzstd with the guest's own allocator (ZSTD_customMem, passed by value and kept in the
 * contexts, which call it again when compressing and when freed), and an error name. Prints
 * what libzstd 1.5.x prints, so an emulated run and a run with libzstd passed through can be
 * compared byte for byte.
 */
#define ZSTD_STATIC_LINKING_ONLY
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

static unsigned long n_alloc, n_free;

static void *count_alloc(void *opaque, size_t size)
{
    ++*(unsigned long *)opaque;
    n_alloc++;
    return malloc(size);
}

static void count_free(void *opaque, void *ptr)
{
    (void)opaque;
    n_free += ptr != NULL;
    free(ptr);
}

static void fill(uint8_t *p, size_t n)
{
    uint32_t x = 12345;

    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        p[i] = (i % 4096) < 3000 ? "the quick brown fox "[i % 20] : (uint8_t)(x >> 24);
    }
}

static uint32_t sum(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;

    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 16777619u;
    }
    return h;
}

int main(void)
{
    enum { N = 1 << 20 };
    uint8_t *in = malloc(N), *back = malloc(N);
    size_t cap = ZSTD_compressBound(N), packed_n, back_n;
    uint8_t *packed = malloc(cap);
    unsigned long calls = 0;
    ZSTD_customMem mem = { count_alloc, count_free, &calls };
    ZSTD_CCtx *c = ZSTD_createCCtx_advanced(mem);
    ZSTD_DCtx *d = ZSTD_createDCtx_advanced(mem);

    fill(in, N);
    if (c == NULL || d == NULL) {
        return 1;
    }
    calls = 0;
    ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, 3);
    ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
    packed_n = ZSTD_compress2(c, packed, cap, in, N);
    if (ZSTD_isError(packed_n)) {
        printf("compress: %s\n", ZSTD_getErrorName(packed_n));
        return 1;
    }
    printf("compress2: %zu -> %zu bytes, fnv %08x, allocator %s\n", (size_t)N, packed_n, sum(packed, packed_n),
           calls > 0 ? "used" : "unused");
    calls = 0;
    back_n = ZSTD_decompressDCtx(d, back, N, packed, packed_n);
    printf("decompressDCtx: %zu bytes, %s, allocator %s\n", back_n,
           back_n == N && memcmp(in, back, N) == 0 ? "identical" : "DIFFERENT", calls > 0 ? "used" : "unused");
    ZSTD_freeCCtx(c);
    ZSTD_freeDCtx(d);
    printf("allocations freed: %s\n", n_alloc == n_free && n_alloc > 0 ? "all" : "NOT ALL");
    packed[packed_n / 2] ^= 0x55;
    printf("corrupted: %s\n", ZSTD_getErrorName(ZSTD_decompress(back, N, packed, packed_n)));
    return 0;
}
