/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Checks the guest's memcpy, memmove, memset, memcmp and strlen against
 * byte loops: the same program runs plain and with the memfuncs interposer
 * (native/guest/memfuncs.c) preloaded, whose host side must give the same
 * answers. Sizes straddle the interposer's thresholds (run it with
 * DLCALL_MEMFUNCS_MIN=64 to send nearly everything to the host):
 * alignments, overlap both ways, memcmp's sign on bytes above 0x7f,
 * strings ending on the last byte before an unmapped page, buffers ending
 * at one, a copy over code QEMU has translated (a page QEMU write-protects),
 * four threads, and a signal handler copying while the interrupted thread
 * is inside a host copy.
 *
 * Prints "memfuncs_check: N checks passed" and exits 0, or names the first
 * failure and exits 1.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

static long checks;

#define CHECK(cond, ...)                                                       \
    do {                                                                       \
        __sync_fetch_and_add(&checks, 1);                                      \
        if (!(cond)) {                                                         \
            fprintf(stderr, "memfuncs_check: FAILED %s:%d: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                                      \
            fprintf(stderr, "\n");                                             \
            exit(1);                                                           \
        }                                                                      \
    } while (0)

/* Called through volatile pointers, so the compiler cannot inline or fold them. */
static void *(*volatile p_memcpy)(void *, const void *, size_t) = memcpy;
static void *(*volatile p_memmove)(void *, const void *, size_t) = memmove;
static void *(*volatile p_memset)(void *, int, size_t) = memset;
static int (*volatile p_memcmp)(const void *, const void *, size_t) = memcmp;
static size_t (*volatile p_strlen)(const char *) = strlen;

static const size_t sizes[] = { 0, 1, 7, 63, 64, 65, 255, 256, 4095, 4096, 4097,
                                8191, 8192, 65536, 65537, 1 << 20, (1 << 20) + 3 };
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))
#define BIG ((1 << 20) + 64)

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (unsigned char)(seed >> 16);
    }
}

/* The references: byte loops (the build keeps GCC from turning them into calls). */
static void copy(unsigned char *d, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) d[i] = s[i];
}

static void set(void *d, int c, size_t n)
{
    for (size_t i = 0; i < n; i++) ((unsigned char *)d)[i] = (unsigned char)c;
}

static int same(const unsigned char *a, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i]) return 0;
    }
    return 1;
}

static void check_copies(unsigned seed)
{
    unsigned char *src = malloc(BIG), *dst = malloc(BIG), *ref = malloc(BIG);

    CHECK(src && dst && ref, "malloc");
    for (size_t k = 0; k < NSIZES; k++) {
        for (size_t off = 0; off < 3; off++) {
            size_t n = sizes[k], so = off * 5 % 16, d = off * 3 % 16;

            fill(src, BIG, seed + (unsigned)k);
            fill(dst, BIG, seed ^ 0x55);
            copy(ref, dst, BIG); /* the reference starts as dst did */
            for (size_t i = 0; i < n; i++) ref[d + i] = src[so + i];
            CHECK(p_memcpy(dst + d, src + so, n) == dst + d, "memcpy return value, n=%zu", n);
            CHECK(same(dst, ref, BIG), "memcpy n=%zu src+%zu dst+%zu", n, so, d);

            for (size_t i = 0; i < n; i++) ref[d + i] = (unsigned char)(0xa0 + off);
            CHECK(p_memset(dst + d, 0xa0 + (int)off + 0x300, n) == dst + d, "memset return value");
            CHECK(same(dst, ref, BIG), "memset n=%zu dst+%zu (int argument above 255)", n, d);
        }
    }
    free(src);
    free(dst);
    free(ref);
}

/* memmove over itself, the destination below and above the source, by little and by much. */
static void check_overlap(void)
{
    unsigned char *buf = malloc(2 * BIG), *ref = malloc(2 * BIG);
    static const long shifts[] = { 1, 8, 15, 4096, 70000, -1, -8, -4097, -70000, 0 };

    CHECK(buf && ref, "malloc");
    for (size_t k = 0; k < NSIZES; k++) {
        for (size_t s = 0; s < sizeof(shifts) / sizeof(shifts[0]); s++) {
            size_t n = sizes[k], from = 100000;
            size_t to = (size_t)((long)from + shifts[s]);

            fill(buf, 2 * BIG, (unsigned)(k * 31 + s));
            copy(ref, buf, 2 * BIG);
            if (to < from) {
                for (size_t i = 0; i < n; i++) ref[to + i] = ref[from + i];
            } else {
                for (size_t i = n; i > 0; i--) ref[to + i - 1] = ref[from + i - 1];
            }
            CHECK(p_memmove(buf + to, buf + from, n) == buf + to, "memmove return value");
            CHECK(same(buf, ref, 2 * BIG), "memmove n=%zu shift %ld", n, shifts[s]);
        }
    }
    free(buf);
    free(ref);
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

/* memcmp: equal, and one byte differing first, last or in the middle, both ways, above 0x7f. */
static void check_compare(void)
{
    unsigned char *a = malloc(BIG), *b = malloc(BIG);

    CHECK(a && b, "malloc");
    for (size_t k = 0; k < NSIZES; k++) {
        size_t n = sizes[k];

        fill(a, BIG, 7);
        copy(b, a, BIG);
        CHECK(p_memcmp(a, b, n) == 0, "memcmp equal n=%zu", n);
        if (n == 0) continue;
        for (size_t where = 0; where < 3; where++) {
            size_t at = where == 0 ? 0 : where == 1 ? n - 1 : n / 2;

            a[at] = 0x80;
            b[at] = 0x7f; /* unsigned: a is greater */
            CHECK(sign(p_memcmp(a, b, n)) == 1, "memcmp n=%zu diff at %zu: %d", n, at, p_memcmp(a, b, n));
            CHECK(sign(p_memcmp(b, a, n)) == -1, "memcmp n=%zu diff at %zu reversed", n, at);
            a[at] = 0xff;
            b[at] = 0x00;
            CHECK(sign(p_memcmp(a, b, n)) == 1, "memcmp n=%zu 0xff vs 0", n);
            b[at] = a[at];
        }
        /* a difference past n does not count */
        a[n] ^= 1;
        CHECK(p_memcmp(a, b, n) == 0, "memcmp n=%zu looked past n", n);
    }
    free(a);
    free(b);
}

/* Strings and copies ending at the last byte before a PROT_NONE page. */
static void check_page_ends(void)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t span = 80 * (size_t)page;
    unsigned char *map = mmap(NULL, span + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char *end = map + span; /* first byte of the guard page */
    unsigned char *other = malloc(span);

    CHECK(map != MAP_FAILED && other, "mmap");
    CHECK(mprotect(end, page, PROT_NONE) == 0, "mprotect");
    for (size_t k = 0; k < NSIZES; k++) {
        size_t n = sizes[k];

        if (n + 1 > span) continue;
        for (size_t shave = 0; shave < 3; shave++) {
            char *s = (char *)end - 1 - n - shave;

            set(map, 'x', span);
            s[n] = '\0';
            CHECK(p_strlen(s) == n, "strlen n=%zu ending %zu before a guard page", n, shave);
            fill(other, n, (unsigned)n);
            CHECK(p_memcpy(end - n, other, n) == end - n && same(end - n, other, n), "memcpy into page end n=%zu", n);
            CHECK(p_memcmp(end - n, other, n) == 0, "memcmp at page end n=%zu", n);
            p_memset(end - n, 0, n);
            CHECK(p_memcpy(other, end - n, n) == other && (n == 0 || (other[0] == 0 && other[n - 1] == 0)),
                  "memcpy from page end n=%zu", n);
        }
    }
    munmap(map, span + page);
    free(other);
}

/*
 * Code QEMU has translated sits on a page it write-protects on the host: a host copy over it
 * faults, and QEMU must unprotect the page and drop the translations, as for a guest store.
 */
static void check_code_overwrite(void)
{
#if defined(__aarch64__)
    size_t n = 16384, words = n / 4;
    uint32_t *code = mmap(NULL, n, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint32_t *image = malloc(n);

    CHECK(code != MAP_FAILED && image, "mmap code");
    for (unsigned v = 1; v <= 3; v++) {
        for (size_t i = 0; i < words; i += 2) {
            image[i] = 0x52800000u | (v << 5); /* mov w0, #v */
            image[i + 1] = 0xd65f03c0u;        /* ret */
        }
        p_memcpy(code, image, n);
        __builtin___clear_cache((char *)code, (char *)code + n);
        CHECK(((int (*)(void))(void *)code)() == (int)v, "code copied over translated code, round %u", v);
        CHECK(((int (*)(void))(void *)(code + words - 2))() == (int)v, "last function, round %u", v);
    }
    munmap(code, n);
    free(image);
#endif
}

static void *thread_main(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg;

    for (int i = 0; i < 3; i++) {
        check_copies(seed + (unsigned)i);
        check_compare();
    }
    return NULL;
}

/* A signal handler copying big blocks, while the main thread copies big blocks too. */
static unsigned char *sig_src, *sig_dst;
static volatile sig_atomic_t handled;

static void on_alarm(int sig)
{
    (void)sig;
    p_memcpy(sig_dst, sig_src, 1 << 20);
    if (p_memcmp(sig_dst, sig_src, 1 << 20) == 0 && p_strlen((char *)sig_src) == (1 << 20) - 1) handled++;
}

static void check_signals(void)
{
    unsigned char *a = malloc(1 << 20), *b = malloc(1 << 20);
    /* One shot per round: an emulated handler takes longer than any interval worth testing. */
    struct itimerval it = { { 0, 0 }, { 0, 300 } };
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    int rounds = 0;

    sig_src = malloc(1 << 20);
    sig_dst = malloc(1 << 20);
    CHECK(a && b && sig_src && sig_dst, "malloc");
    set(sig_src, 's', 1 << 20);
    sig_src[(1 << 20) - 1] = '\0';
    fill(a, 1 << 20, 99);
    signal(SIGALRM, on_alarm);
    while (handled < 20 && rounds < 20000) {
        setitimer(ITIMER_REAL, &it, NULL);
        p_memset(b, 0, 1 << 20);
        p_memcpy(b, a, 1 << 20);
        CHECK(same(a, b, 1 << 20), "memcpy interrupted by a copying signal handler, round %d", rounds);
        rounds++;
    }
    setitimer(ITIMER_REAL, &off, NULL);
    signal(SIGALRM, SIG_DFL);
    CHECK(handled >= 20, "only %d of 20 signal handlers ran right in %d rounds", (int)handled, rounds);
}

int main(void)
{
    pthread_t t[4];

    check_copies(1);
    check_overlap();
    check_compare();
    check_page_ends();
    check_code_overwrite();
    for (int i = 0; i < 4; i++) {
        CHECK(pthread_create(&t[i], NULL, thread_main, (void *)(uintptr_t)(i * 1000)) == 0, "pthread_create");
    }
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    check_signals();
    printf("memfuncs_check: %ld checks passed\n", checks);
    return 0;
}
