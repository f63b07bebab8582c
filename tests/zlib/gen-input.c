/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-input: deterministic mixed test data for the zlib tests and benchmark.
 *
 * Usage: gen-input SIZE_MIB OUT [SEED]
 *
 * Writes exactly SIZE_MIB * 1 MiB bytes to OUT (through OUT.tmp, renamed at the end). The bytes
 * depend only on SEED (default 1) and on this file: integer arithmetic only (no floating point,
 * no libc randomness, no locale), so every machine and compiler produces the same file, and a
 * smaller size is a prefix of a larger one with the same seed.
 *
 * The data is a sequence of segments of different kinds, mixed like real data: prose from a
 * skewed vocabulary (most of it), log lines, little-endian binary records, 16-bit sample arrays,
 * incompressible random bytes, and repeats of earlier output (near ones that deflate's 32 KiB
 * window finds, far ones that it does not). zlib -6 compresses it about 2.5:1, -1 about 2.2:1.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64 */
static uint64_t rng_state;
static uint64_t next64(void) {
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
/* Uniform in [0, n), n > 0. */
static uint32_t below(uint32_t n) { return (uint32_t)(((next64() >> 32) * (uint64_t)n) >> 32); }
static uint32_t between(uint32_t lo, uint32_t hi) { return lo + below(hi - lo + 1); }

static unsigned char *buf;
static size_t pos, size;

static int full(void) { return pos >= size; }
static void put(const void *p, size_t n) {
    if (n > size - pos) n = size - pos;
    memcpy(buf + pos, p, n);
    pos += n;
}
static void putc8(int c) { if (pos < size) buf[pos++] = (unsigned char)c; }
static void put_le(uint64_t v, int bytes) { for (int i = 0; i < bytes; i++) putc8((int)(v >> (8 * i)) & 0xff); }
static void puts_(const char *s) { put(s, strlen(s)); }

/* --- vocabulary ------------------------------------------------------------------------- */
static const char *common_words[] = {
    "the", "of", "and", "to", "a", "in", "is", "it", "that", "was", "for", "on", "are", "with",
    "as", "be", "at", "by", "this", "had", "not", "but", "from", "or", "have", "an", "they",
    "which", "one", "you", "were", "her", "all", "she", "there", "would", "their", "we", "him",
    "been", "has", "when", "who", "will", "more", "no", "if", "out", "so", "said", "what", "up",
    "its", "about", "into", "than", "them", "can", "only", "other", "new", "some", "could",
    "time", "these", "two", "may", "then", "do", "first", "any", "my", "now", "such", "like",
    "our", "over", "man", "me", "even", "most", "made", "after", "also", "did", "many", "before",
    "must", "through", "back", "years", "where", "much", "your", "way", "well", "down", "should",
    "because", "each", "just", "those", "people", "how", "too", "little", "state", "good",
    "very", "make", "world", "still", "own", "see", "men", "work", "long", "get", "here",
    "between", "both", "life", "being", "under", "never", "day", "same", "another", "know",
    "while", "last", "might", "us", "great", "old", "year", "off", "come", "since", "against",
    "go", "came", "right", "used", "take", "three", "system", "data", "file", "buffer",
    "stream", "block", "window", "length", "distance", "header", "library", "function",
};
#define NCOMMON (sizeof common_words / sizeof common_words[0])
#define NWORDS 4096
static char words[NWORDS][24];

static void make_vocabulary(void) {
    static const char *onset[] = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r",
                                  "s", "t", "v", "w", "z", "br", "ch", "cl", "cr", "dr", "fl",
                                  "gr", "pl", "pr", "sh", "st", "str", "th", "tr", "", ""};
    static const char *nucleus[] = {"a", "e", "i", "o", "u", "a", "e", "i", "o", "ou", "ea", "ai",
                                    "io", "y"};
    static const char *coda[] = {"", "", "", "n", "r", "s", "t", "l", "nd", "st", "ng", "m", "ck",
                                 "ll", "rt", "ss"};
    for (size_t i = 0; i < NWORDS; i++) {
        if (i < NCOMMON) { strcpy(words[i], common_words[i]); continue; }
        char w[64] = "";
        int syl = (int)between(1, 4);
        for (int s = 0; s < syl; s++) {
            strcat(w, onset[below(sizeof onset / sizeof *onset)]);
            strcat(w, nucleus[below(sizeof nucleus / sizeof *nucleus)]);
            strcat(w, coda[below(sizeof coda / sizeof *coda)]);
        }
        w[sizeof words[0] - 1] = 0;
        strcpy(words[i], w);
    }
}
/* A skewed (roughly Zipf-like) word index: small indices are much more likely. */
static const char *word(void) {
    uint32_t a = below(NWORDS);
    uint32_t b = below(a + 1);
    return words[below(b + 1)];
}

/* --- segments --------------------------------------------------------------------------- */
static void seg_prose(void) {
    int paragraphs = (int)between(1, 4);
    for (int p = 0; p < paragraphs && !full(); p++) {
        int sentences = (int)between(2, 12), col = 0;
        for (int s = 0; s < sentences && !full(); s++) {
            int n = (int)between(4, 24);
            for (int i = 0; i < n; i++) {
                char w[32];
                strcpy(w, word());
                if (i == 0 && w[0] >= 'a' && w[0] <= 'z') w[0] = (char)(w[0] - 'a' + 'A');
                int len = (int)strlen(w);
                if (col > 0 && col + 1 + len > 76) { putc8('\n'); col = 0; }
                else if (col > 0) { putc8(' '); col++; }
                put(w, (size_t)len);
                col += len;
                if (i + 1 < n && below(12) == 0) { putc8(','); col++; }
            }
            putc8(below(8) == 0 ? (below(2) ? '?' : '!') : '.');
            col++;
        }
        puts_("\n\n");
    }
}

static uint64_t clock_ms = 1700000000000ULL; /* advances through the log lines */
static uint32_t record_id = 1000;

static void seg_log(void) {
    static const char *hosts[] = {"alpha", "bravo", "charlie", "delta", "echo"};
    static const char *procs[] = {"nginx", "sshd", "cron", "kernel", "postgres", "app-server"};
    static const char *methods[] = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    static const char *levels[] = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
    int lines = (int)between(8, 160);
    for (int i = 0; i < lines && !full(); i++) {
        clock_ms += between(1, 4000);
        uint64_t t = clock_ms / 1000;
        unsigned ms = (unsigned)(clock_ms % 1000);
        unsigned sec = (unsigned)(t % 60), min = (unsigned)(t / 60 % 60), hour = (unsigned)(t / 3600 % 24);
        unsigned day = (unsigned)(t / 86400 % 28) + 1, mon = (unsigned)(t / (86400 * 28) % 12) + 1;
        /* Each draw in its own statement: the order of a call's arguments is unspecified. */
        const char *host = hosts[below(5)];
        const char *proc = procs[below(6)];
        unsigned pid = 1000 + below(200);
        const char *level = levels[below(6)];
        const char *method = methods[below(6)];
        unsigned api = between(1, 3);
        const char *what = word();
        unsigned id = below(100000), page = below(20);
        unsigned status = below(10) ? 200 : (below(2) ? 404 : 500);
        unsigned bytes = below(65536), secs = below(3), msecs = below(1000);
        char line[256];
        int n = snprintf(line, sizeof line,
                         "2024-%02u-%02uT%02u:%02u:%02u.%03uZ %s %s[%u]: %s %s /api/v%u/%s/%u?page=%u "
                         "status=%u bytes=%u time=%u.%03us\n",
                         mon, day, hour, min, sec, ms, host, proc, pid, level, method, api, what, id,
                         page, status, bytes, secs, msecs);
        if (n < 0 || n >= (int)sizeof line) n = (int)sizeof line - 1;
        put(line, (size_t)n);
    }
}

static void seg_records(void) {
    int n = (int)between(40, 1200);
    int32_t value = (int32_t)below(1000000);
    for (int i = 0; i < n && !full(); i++) {
        put_le(record_id++, 4);
        put_le(below(7), 2);                        /* kind */
        put_le(below(4) ? 0x0001 : 0x0081, 2);      /* flags */
        value += (int32_t)below(2001) - 1000;
        put_le((uint32_t)value, 4);
        put_le((uint32_t)(clock_ms / 1000) + (uint32_t)i, 4);
        char name[8] = {0};
        const char *w = word();
        size_t wl = strlen(w);
        memcpy(name, w, wl < sizeof name ? wl : sizeof name); /* zero-padded, not terminated */
        put(name, sizeof name);
    }
}

static void seg_samples(void) {
    int n = (int)between(512, 8192);
    int32_t x = 0, v = (int32_t)between(8, 80), a = 0;
    for (int i = 0; i < n && !full(); i++) {
        /* A bounded oscillation with a little noise (integer only). */
        a = -x / 64;
        v += a;
        x += v;
        int32_t s = x + (int32_t)below(3) - 1;
        if (s > 32767) s = 32767;
        if (s < -32768) s = -32768;
        put_le((uint16_t)(int16_t)s, 2);
    }
}

static void seg_random(void) {
    int n = (int)between(256, 4096);
    for (int i = 0; i < n && !full(); i += 8) put_le(next64(), n - i < 8 ? n - i : 8);
}

static void seg_repeat(void) {
    if (pos < 1024) return;
    size_t len = between(64, 8192);
    size_t dist;
    if (below(2)) dist = between(1, 32768);                  /* inside deflate's window */
    else dist = between(1, pos > UINT32_MAX ? UINT32_MAX : (uint32_t)pos); /* anywhere */
    if (dist > pos) dist = pos;
    for (size_t i = 0; i < len && !full(); i++) { buf[pos] = buf[pos - dist]; pos++; }
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: gen-input SIZE_MIB OUT [SEED]\n");
        return 2;
    }
    char *end;
    unsigned long mib = strtoul(argv[1], &end, 10);
    if (*end || mib == 0 || mib > 4096) { fprintf(stderr, "gen-input: bad size '%s'\n", argv[1]); return 2; }
    unsigned long long seed = argc > 3 ? strtoull(argv[3], &end, 10) : 1;
    if (argc > 3 && *end) { fprintf(stderr, "gen-input: bad seed '%s'\n", argv[3]); return 2; }

    size = (size_t)mib << 20;
    buf = malloc(size);
    if (!buf) { fprintf(stderr, "gen-input: out of memory\n"); return 1; }
    rng_state = seed;
    make_vocabulary();
    while (!full()) {
        /* Weights chosen for the share of bytes (segments differ in mean size): about 52%
         * prose, 18% logs, 12% records, 9% samples, 1.5% random, 8% repeats. */
        uint32_t k = below(1000);
        if (k < 800) seg_prose();
        else if (k < 858) seg_log();
        else if (k < 883) seg_records();
        else if (k < 920) seg_samples();
        else if (k < 940) seg_random();
        else seg_repeat();
    }

    size_t tlen = strlen(argv[2]) + 5;
    char *tmp = malloc(tlen);
    if (!tmp) return 1;
    snprintf(tmp, tlen, "%s.tmp", argv[2]);
    FILE *f = fopen(tmp, "wb");
    if (!f) { perror(tmp); return 1; }
    if (fwrite(buf, 1, size, f) != size || fclose(f) != 0) { perror(tmp); remove(tmp); return 1; }
    if (rename(tmp, argv[2]) != 0) { perror(argv[2]); remove(tmp); return 1; }
    return 0;
}
