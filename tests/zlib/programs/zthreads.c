/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zthreads: 8 guest threads, each with its own deflate/inflate streams and
 * its own counting allocator (callbacks on every thread), round-tripping
 * different data; every result is checked.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define THREADS 8
#define SIZE (256 * 1024)

struct job {
    int id;
    int allocs;
    unsigned long crc;
    int ok;
};

static voidpf job_alloc(voidpf opaque, uInt n, uInt size)
{
    ((struct job *)opaque)->allocs++;
    return calloc(n, size);
}

static void job_free(voidpf opaque, voidpf p)
{
    (void)opaque;
    free(p);
}

static void *run(void *arg)
{
    struct job *j = arg;
    unsigned char *in = malloc(SIZE), *packed = malloc(SIZE * 2), *back = malloc(SIZE);
    z_stream s;

    for (int i = 0; i < SIZE; i++) {
        in[i] = (unsigned char)((i * (j->id + 3)) ^ (i >> 9));
    }
    for (int round = 0; round < 4; round++) {
        memset(&s, 0, sizeof(s));
        s.zalloc = job_alloc;
        s.zfree = job_free;
        s.opaque = j;
        deflateInit(&s, 1 + (j->id + round) % 9);
        s.next_in = in;
        s.avail_in = SIZE;
        s.next_out = packed;
        s.avail_out = SIZE * 2;
        j->ok = deflate(&s, Z_FINISH) == Z_STREAM_END;
        deflateEnd(&s);
        uLongf len = SIZE;
        j->ok = j->ok && uncompress(back, &len, packed, s.total_out) == Z_OK && len == SIZE && !memcmp(in, back, SIZE);
        if (!j->ok) {
            break;
        }
    }
    j->crc = crc32(0, in, SIZE);
    free(in);
    free(packed);
    free(back);
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    struct job jobs[THREADS];
    int good = 0;

    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (struct job){ .id = i };
        pthread_create(&t[i], NULL, run, &jobs[i]);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        printf("thread %d: %s, crc %08lx, allocator used: %s\n", i, jobs[i].ok ? "ok" : "FAILED", jobs[i].crc,
               jobs[i].allocs > 0 ? "yes" : "no");
        good += jobs[i].ok && jobs[i].allocs > 0;
    }
    printf(good == THREADS ? "PASS zthreads\n" : "FAIL zthreads\n");
    return good == THREADS ? 0 : 1;
}
