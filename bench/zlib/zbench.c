/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zbench: zlib deflate at a given level over a file, then inflate back,
 * timed. The same source runs natively (x86_64, host libz), emulated (guest
 * binary with the real guest libz) and with dlcall (guest binary with the
 * stub libz), so the three times compare like for like.
 *
 * Usage: zbench FILE [LEVEL]
 * Prints: deflate_s, inflate_s, packed bytes and the packed data's CRC-32.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#define CHUNK (1 << 20)

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned char *load(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *p;

    if (f == NULL) {
        perror(path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    p = malloc(*len);
    if (p == NULL || fread(p, 1, *len, f) != *len) {
        fprintf(stderr, "zbench: cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    return p;
}

/* Streams in 1 MiB steps, as a real compressor would. */
static size_t pack(const unsigned char *in, size_t len, unsigned char *out, size_t cap, int level)
{
    z_stream s;

    memset(&s, 0, sizeof(s));
    deflateInit(&s, level);
    s.next_out = out;
    s.avail_out = (uInt)cap;
    for (size_t off = 0; off < len; off += CHUNK) {
        size_t n = len - off < CHUNK ? len - off : CHUNK;

        s.next_in = (Bytef *)in + off;
        s.avail_in = (uInt)n;
        deflate(&s, off + n == len ? Z_FINISH : Z_NO_FLUSH);
    }
    deflateEnd(&s);
    return s.total_out;
}

int main(int argc, char **argv)
{
    size_t len, packed_len;
    int level = argc > 2 ? atoi(argv[2]) : 9;
    unsigned char *in, *packed, *back;
    uLongf back_len;
    double t0, t1, t2;

    if (argc < 2) {
        fprintf(stderr, "usage: zbench FILE [LEVEL]\n");
        return 2;
    }
    in = load(argv[1], &len);
    packed = malloc(compressBound(len));
    back = malloc(len);
    t0 = now();
    packed_len = pack(in, len, packed, compressBound(len), level);
    t1 = now();
    back_len = len;
    if (uncompress(back, &back_len, packed, packed_len) != Z_OK) {
        fprintf(stderr, "zbench: uncompress failed\n");
        return 1;
    }
    t2 = now(); /* the check below is the program's own code: not part of zlib's time */
    if (back_len != len || memcmp(back, in, len) != 0) {
        fprintf(stderr, "zbench: round trip differs\n");
        return 1;
    }
    printf("deflate_s %.4f\ninflate_s %.4f\npacked %zu\ncrc %08lx\n", t1 - t0, t2 - t1, packed_len,
           crc32(0, packed, (uInt)packed_len));
    return 0;
}
