/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zcallbacks: zlib calling guest code back. A counting zalloc/zfree on
 * deflate and inflate streams, and inflateBack with guest in/out
 * functions; the stream's msg is read by guest libc. Prints the counts, so
 * the emulated run (real guest libz) and the passthrough run (dlcall stub)
 * must print the same lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "count_alloc.h"


static unsigned char input[1 << 20], packed[1 << 21], unpacked[1 << 20];

struct pull { const unsigned char *data; size_t left, calls; };
struct push { unsigned char *data; size_t used, calls; };

static unsigned in_fn(void *desc, unsigned char **buf)
{
    struct pull *p = desc;
    unsigned n = p->left > 1000 ? 1000 : (unsigned)p->left;

    p->calls++;
    *buf = (unsigned char *)p->data;
    p->data += n;
    p->left -= n;
    return n;
}

static int out_fn(void *desc, unsigned char *buf, unsigned len)
{
    struct push *p = desc;

    p->calls++;
    memcpy(p->data + p->used, buf, len);
    p->used += len;
    return 0;
}

static void fail(const char *what, int ret, const z_stream *s)
{
    printf("FAIL %s: %d (%s)\n", what, ret, s && s->msg ? s->msg : "-");
    exit(1);
}

int main(void)
{
    int opaque = 0, ret;
    z_stream s;
    unsigned char window[32768];
    struct pull pull;
    struct push push = { unpacked, 0, 0 };

    for (size_t i = 0; i < sizeof(input); i++) {
        input[i] = (unsigned char)("callbacks from the host "[i % 24] + (i / 4096) % 3);
    }
    memset(&s, 0, sizeof(s));
    s.zalloc = count_alloc;
    s.zfree = count_free;
    s.opaque = &opaque;
    if ((ret = deflateInit2(&s, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY)) != Z_OK) {
        fail("deflateInit2", ret, &s);
    }
    s.next_in = input;
    s.avail_in = sizeof(input);
    s.next_out = packed;
    s.avail_out = sizeof(packed);
    if ((ret = deflate(&s, Z_FINISH)) != Z_STREAM_END) {
        fail("deflate", ret, &s);
    }
    printf("deflate: %lu -> %lu bytes, zalloc still the guest's: %s\n", s.total_in, s.total_out,
           s.zalloc == count_alloc ? "yes" : "no");
    deflateEnd(&s);
    printf("after deflateEnd: %d allocs, %d frees, opaque counted %d\n", allocs, frees, opaque);

    /* inflateBack: raw deflate data pulled and pushed through guest functions. */
    pull = (struct pull){ packed, s.total_out, 0 };
    memset(&s, 0, sizeof(s));
    s.zalloc = count_alloc;
    s.zfree = count_free;
    s.opaque = &opaque;
    if ((ret = inflateBackInit(&s, 15, window)) != Z_OK) {
        fail("inflateBackInit", ret, &s);
    }
    ret = inflateBack(&s, in_fn, &pull, out_fn, &push);
    if (ret != Z_STREAM_END) {
        fail("inflateBack", ret, &s);
    }
    inflateBackEnd(&s);
    printf("inflateBack: %zu bytes back, identical: %s, in calls > 1: %s, out calls > 1: %s\n", push.used,
           push.used == sizeof(input) && memcmp(unpacked, input, sizeof(input)) == 0 ? "yes" : "no",
           pull.calls > 1 ? "yes" : "no", push.calls > 1 ? "yes" : "no");

    /* An error message the library stores in the stream, printed by guest libc. */
    memset(&s, 0, sizeof(s));
    inflateInit(&s);
    s.next_in = (Bytef *)"not zlib data";
    s.avail_in = 13;
    s.next_out = unpacked;
    s.avail_out = 100;
    ret = inflate(&s, Z_NO_FLUSH);
    printf("bad data: %d, msg: %s\n", ret, s.msg ? s.msg : "(null)");
    inflateEnd(&s);
    printf("totals: %d allocs, %d frees\n", allocs, frees);
    printf("%s\n", allocs == frees && allocs > 0 ? "PASS zcallbacks" : "FAIL zcallbacks: allocs != frees");
    return allocs == frees ? 0 : 1;
}
