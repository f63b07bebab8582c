/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zcopy: fields a zlib function only writes (issue 12). CPython's zlib
 * copy() calls inflateCopy(dest, source) with a freshly allocated dest
 * (whatever bytes were there) after source has ended; real zlib answers
 * Z_STREAM_ERROR without touching dest, while a stub that wrapped dest's
 * zalloc/zfree or copied its msg as inputs crashed. Checked here:
 * - that sequence, dest filled with 0xA5 and with pseudo-random bytes:
 *   Z_STREAM_ERROR, and every byte of dest as it was;
 * - init functions failing their version check leave a garbage msg alone;
 * - deflateCopy and inflateCopy mid-stream into a garbage dest: the copy
 *   holds the guest's own zalloc/zfree/opaque, continues, and produces the
 *   same output as the original; the guest allocator's calls are counted.
 * Prints what it saw, so the emulated run (real guest libz) and the
 * passthrough run (dlcall stub) must print the same lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "count_alloc.h"

static int failures;

static unsigned char input[1 << 18], packed[1 << 19], out1[1 << 19], out2[1 << 19];
static int opaque;

static void check(int ok, const char *what)
{
    printf("%s: %s\n", what, ok ? "yes" : "NO");
    failures += !ok;
}

static void fill(void *p, size_t n, int pattern)
{
    unsigned char *b = p;
    unsigned x = 12345;

    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        b[i] = pattern >= 0 ? (unsigned char)pattern : (unsigned char)(x >> 16);
    }
}

static void guest_allocator(z_stream *s)
{
    s->zalloc = count_alloc;
    s->zfree = count_free;
    s->opaque = &opaque;
}

/* The copy holds the guest's own functions, never a host address. */
static void check_own_callbacks(const z_stream *s, const char *what)
{
    char line[128];

    snprintf(line, sizeof(line), "%s: the copy's zalloc, zfree, opaque are the guest's", what);
    check(s->zalloc == count_alloc && s->zfree == count_free && s->opaque == &opaque, line);
}

static uLong compress_all(void)
{
    z_stream s;

    memset(&s, 0, sizeof(s));
    guest_allocator(&s);
    if (deflateInit(&s, 6) != Z_OK) {
        return 0;
    }
    s.next_in = input;
    s.avail_in = sizeof(input);
    s.next_out = packed;
    s.avail_out = sizeof(packed);
    int ret = deflate(&s, Z_FINISH);
    deflateEnd(&s);
    return ret == Z_STREAM_END ? s.total_out : 0;
}

/* CPython's Decompress.copy() after the stream ended (test_zlib's copy tests). */
static void copy_of_ended_inflate(uLong packed_len, int pattern, const char *name)
{
    z_stream source, dest, before;
    int ret;
    char line[160];

    memset(&source, 0, sizeof(source));
    guest_allocator(&source);
    ret = inflateInit(&source);
    source.next_in = packed;
    source.avail_in = (uInt)packed_len;
    source.next_out = out1;
    source.avail_out = sizeof(out1);
    ret = inflate(&source, Z_FINISH);
    snprintf(line, sizeof(line), "%s: inflate reaches Z_STREAM_END", name);
    check(ret == Z_STREAM_END, line);
    inflateEnd(&source);
    fill(&dest, sizeof(dest), pattern);
    before = dest;
    ret = inflateCopy(&dest, &source);
    printf("%s: inflateCopy of an ended stream: %d\n", name, ret);
    snprintf(line, sizeof(line), "%s: every byte of dest as it was", name);
    check(memcmp(&dest, &before, sizeof(dest)) == 0, line);
    fill(&dest, sizeof(dest), pattern);
    ret = deflateCopy(&dest, &source);
    printf("%s: deflateCopy of an inflate stream: %d\n", name, ret);
    snprintf(line, sizeof(line), "%s: every byte of dest as it was after deflateCopy", name);
    check(memcmp(&dest, &before, sizeof(dest)) == 0, line);
}

/* Init functions write msg only once the version check passed. */
static void init_with_wrong_version(void)
{
    z_stream s, before;
    int ret;

    fill(&s, sizeof(s), 0xA5);
    guest_allocator(&s);
    before = s;
    ret = inflateInit_(&s, "0.0", (int)sizeof(s));
    printf("inflateInit_ with version 0.0: %d\n", ret);
    check(memcmp(&s, &before, sizeof(s)) == 0, "inflateInit_: every byte of the stream as it was");
    ret = deflateInit2_(&s, 6, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY, "0.0", (int)sizeof(s));
    printf("deflateInit2_ with version 0.0: %d\n", ret);
    check(memcmp(&s, &before, sizeof(s)) == 0, "deflateInit2_: every byte of the stream as it was");
}

static void deflate_copy_mid_stream(void)
{
    z_stream a, b;
    int ra, rb;
    int before = allocs;

    memset(&a, 0, sizeof(a));
    guest_allocator(&a);
    deflateInit(&a, 9);
    a.next_in = input;
    a.avail_in = sizeof(input) / 2;
    a.next_out = out1;
    a.avail_out = sizeof(out1);
    ra = deflate(&a, Z_NO_FLUSH);
    fill(&b, sizeof(b), 0xA5);
    rb = deflateCopy(&b, &a);
    printf("deflateCopy mid-stream: %d (deflate %d), allocs for the original and the copy: %d\n", rb, ra,
           allocs - before);
    check_own_callbacks(&b, "deflateCopy");
    check(b.msg == NULL, "deflateCopy: the copy's msg is NULL");
    /* Both finish the same input; the copy writes its own buffer from where the original was. */
    b.next_out = out2 + (a.next_out - out1);
    memcpy(out2, out1, (size_t)(a.next_out - out1));
    a.next_in = b.next_in = input + sizeof(input) / 2;
    a.avail_in = b.avail_in = sizeof(input) - sizeof(input) / 2;
    ra = deflate(&a, Z_FINISH);
    rb = deflate(&b, Z_FINISH);
    printf("finish: %d %d, %lu and %lu bytes\n", ra, rb, a.total_out, b.total_out);
    check(ra == Z_STREAM_END && rb == Z_STREAM_END && a.total_out == b.total_out &&
              memcmp(out1, out2, a.total_out) == 0,
          "deflateCopy: the copy's output is the original's");
    printf("deflateEnd: %d %d\n", deflateEnd(&a), deflateEnd(&b));
}

static void inflate_copy_mid_stream(uLong packed_len)
{
    z_stream a, b;
    int ra, rb;
    int before = allocs;

    memset(&a, 0, sizeof(a));
    guest_allocator(&a);
    inflateInit(&a);
    a.next_in = packed;
    a.avail_in = (uInt)(packed_len / 2);
    a.next_out = out1;
    a.avail_out = sizeof(out1);
    ra = inflate(&a, Z_NO_FLUSH);
    fill(&b, sizeof(b), -1);
    rb = inflateCopy(&b, &a);
    printf("inflateCopy mid-stream: %d (inflate %d), allocs for the original and the copy: %d\n", rb, ra,
           allocs - before);
    check_own_callbacks(&b, "inflateCopy");
    b.next_out = out2 + (a.next_out - out1);
    memcpy(out2, out1, (size_t)(a.next_out - out1));
    a.avail_in = b.avail_in = (uInt)(packed_len - packed_len / 2);
    ra = inflate(&a, Z_FINISH);
    rb = inflate(&b, Z_FINISH);
    printf("finish: %d %d, %lu and %lu bytes\n", ra, rb, a.total_out, b.total_out);
    check(ra == Z_STREAM_END && rb == Z_STREAM_END && a.total_out == sizeof(input) &&
              b.total_out == sizeof(input) && memcmp(out1, input, sizeof(input)) == 0 &&
              memcmp(out2, input, sizeof(input)) == 0,
          "inflateCopy: both give the input back");
    printf("inflateEnd: %d %d\n", inflateEnd(&a), inflateEnd(&b));
}

int main(void)
{
    uLong packed_len;

    for (size_t i = 0; i < sizeof(input); i++) {
        input[i] = (unsigned char)("copies of streams "[i % 18] + (i / 3000) % 5);
    }
    packed_len = compress_all();
    check(packed_len > 0, "compress");
    copy_of_ended_inflate(packed_len, 0xA5, "0xA5 dest");
    copy_of_ended_inflate(packed_len, -1, "random dest");
    init_with_wrong_version();
    deflate_copy_mid_stream();
    inflate_copy_mid_stream(packed_len);
    printf("totals: %d allocs, %d frees, opaque counted %d\n", allocs, frees, opaque);
    check(allocs == frees && allocs == opaque && allocs > 0, "every allocation freed through the guest's zfree");
    printf("%s\n", failures == 0 ? "PASS zcopy" : "FAIL zcopy");
    return failures != 0;
}
