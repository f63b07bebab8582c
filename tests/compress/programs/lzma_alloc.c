// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * liblzma with the guest's own allocator, as a program may use it: in lzma_stream.allocator
 * (encoder and decoder), as a const allocator in read-only memory (lzma_raw_buffer_encode), and
 * the NULL allocator of functions whose memory the caller frees with free()
 * (lzma_properties_decode, lzma_str_from_filters). Prints what any liblzma 5.x prints, so
 * an emulated run and a run with liblzma passed through can be compared byte for byte.
 */
#include <lzma.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long n_alloc, n_free;

static void *count_alloc(void *opaque, size_t nmemb, size_t size)
{
    ++*(unsigned long *)opaque;
    n_alloc++;
    return malloc(nmemb * size);
}

static void count_free(void *opaque, void *ptr)
{
    (void)opaque;
    n_free += ptr != NULL;
    free(ptr);
}

static unsigned long stream_calls;
static lzma_allocator stream_allocator = { count_alloc, count_free, &stream_calls };
static unsigned long const_calls;
static const lzma_allocator const_allocator = { count_alloc, count_free, &const_calls };

static void fill(uint8_t *p, size_t n)
{
    uint32_t x = 12345;

    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        p[i] = (i % 4096) < 3000 ? "the quick brown fox "[i % 20] : (uint8_t)(x >> 24);
    }
}

static size_t code_all(lzma_stream *s, const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
    lzma_ret ret;

    s->next_in = in;
    s->avail_in = n;
    s->next_out = out;
    s->avail_out = cap;
    do {
        ret = lzma_code(s, LZMA_FINISH);
    } while (ret == LZMA_OK);
    if (ret != LZMA_STREAM_END) {
        printf("lzma_code: %d\n", ret);
        exit(1);
    }
    return cap - s->avail_out;
}

static uint32_t sum(const uint8_t *p, size_t n)
{
    return lzma_crc32(p, n, 0);
}

int main(void)
{
    enum { N = 1 << 20 };
    uint8_t *in = malloc(N), *packed = malloc(2 * N), *back = malloc(N);
    lzma_stream s = LZMA_STREAM_INIT;
    size_t packed_n, back_n, raw_n = 0;
    lzma_options_lzma opt;
    lzma_filter filters[2] = { { LZMA_FILTER_LZMA2, &opt }, { LZMA_VLI_UNKNOWN, NULL } };
    lzma_filter decoded = { LZMA_FILTER_LZMA1, NULL };
    const uint8_t props[5] = { 0x5d, 0x00, 0x00, 0x10, 0x00 };
    char *str = NULL;

    fill(in, N);
    s.allocator = &stream_allocator;
    if (lzma_easy_encoder(&s, 6, LZMA_CHECK_CRC64) != LZMA_OK) {
        return 1;
    }
    packed_n = code_all(&s, in, N, packed, 2 * N);
    printf("stream encoder: %zu -> %zu bytes, crc32 %08x, allocator %s, still ours %s\n", (size_t)N, packed_n,
           sum(packed, packed_n), stream_calls > 0 ? "used" : "unused", s.allocator == &stream_allocator ? "yes" : "no");
    lzma_end(&s);
    stream_calls = 0;
    if (lzma_stream_decoder(&s, UINT64_MAX, 0) != LZMA_OK) {
        return 1;
    }
    back_n = code_all(&s, packed, packed_n, back, N);
    lzma_end(&s);
    printf("stream decoder: %zu bytes, %s, allocator %s\n", back_n,
           back_n == N && memcmp(in, back, N) == 0 ? "identical" : "DIFFERENT", stream_calls > 0 ? "used" : "unused");

    lzma_lzma_preset(&opt, 1);
    if (lzma_raw_buffer_encode(filters, &const_allocator, in, N, packed, &raw_n, 2 * N) != LZMA_OK) {
        return 1;
    }
    printf("raw buffer encoder (const allocator): %zu bytes, crc32 %08x, allocator %s\n", raw_n, sum(packed, raw_n),
           const_calls > 0 ? "used" : "unused");
    printf("allocations freed: %s\n", n_alloc == n_free ? "all" : "NOT ALL");

    /* The options are the caller's to free(). */
    if (lzma_properties_decode(&decoded, NULL, props, sizeof(props)) != LZMA_OK) {
        return 1;
    }
    printf("properties: dict_size %u lc %u lp %u pb %u\n", ((lzma_options_lzma *)decoded.options)->dict_size,
           ((lzma_options_lzma *)decoded.options)->lc, ((lzma_options_lzma *)decoded.options)->lp,
           ((lzma_options_lzma *)decoded.options)->pb);
    free(decoded.options);
    if (lzma_str_from_filters(&str, filters, LZMA_STR_ENCODER, NULL) != LZMA_OK) {
        return 1;
    }
    printf("filters: %s\n", str);
    free(str);
    return 0;
}
