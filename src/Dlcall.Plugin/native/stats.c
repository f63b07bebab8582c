/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stats=on: calls and host time per protocol ID, and per host function
 * for INVOKE_PROC and the fast path, printed at exit (or right before the
 * process image ends in an exec the plugin follows) through QEMU's log
 * (-d plugin, or a file with -D), or with stats_file= appended to a file
 * in one write, so that the reports of a whole process tree (children
 * exec'd under the plugin, docs/HowItWorks.md "Exec following") share it
 * without truncating or interleaving. Counting runs on every call, so it is a
 * fixed table in BSS with lock-free inserts. A function is named (dladdr)
 * once, when its slot is taken, because its library may be unloaded by
 * exit; the report groups by library.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <dlcall/protocol.h>

#include "call.h"
#include "log.h"
#include "stats.h"

/* Distinct host functions counted one by one; more go to "other". */
#define FN_SLOTS 4096

struct fn_slot {
    uint64_t fn;
    uint64_t count;
    uint64_t ns;
    char lib[160]; /* "" when dladdr knows no library */
    char sym[80];  /* "" when fn is not a symbol's start */
};

#define ID_NAME(name, value) [value] = #name,
static const char *const id_names[DLCALL_STATS_KINDS] = {
    DLCALL_ID_LIST(ID_NAME)
    [DLCALL_STATS_FAST] = "fast path call",
    [DLCALL_STATS_UNKNOWN] = "unknown ID",
};
static uint64_t id_count[DLCALL_STATS_KINDS];
static uint64_t id_ns[DLCALL_STATS_KINDS];
static struct fn_slot fn_table[FN_SLOTS];
static uint64_t other_count, other_ns;

/* The entry points of the C# side (NativeGlue.cs). */
bool dlcall_stats_file(const char *path);
void dlcall_stats_program(const char *name);
void dlcall_stats_report(void);
void dlcall_stats_report_image(void);

/* stats_file=: the file (O_APPEND), and the report being built for it. */
static int report_fd = -1;
static FILE *report_buf;
/* The guest program, for the report's first line. */
static char program[256];

/* A forked child reports its own calls, not its parent's too. */
static void forget_counts(void)
{
    memset(id_count, 0, sizeof(id_count));
    memset(id_ns, 0, sizeof(id_ns));
    for (size_t i = 0; i < FN_SLOTS; i++) {
        fn_table[i].count = 0;
        fn_table[i].ns = 0;
    }
    other_count = other_ns = 0;
}

/* stats_file=PATH: false (errno set) when it cannot be opened. */
bool dlcall_stats_file(const char *path)
{
    report_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    return report_fd >= 0;
}

/* The guest program this process runs (QemuCommandLine.cs). */
void dlcall_stats_program(const char *name)
{
    snprintf(program, sizeof(program), "%s", name);
}

__attribute__((constructor)) static void stats_init(void)
{
    pthread_atfork(NULL, NULL, forget_counts);
}

uint64_t dlcall_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Copies @s into @dst, keeping the end of a long path (the file name). */
static void keep(char *dst, size_t size, const char *s)
{
    size_t len = strlen(s);

    if (len >= size) {
        s += len - (size - 4);
        memcpy(dst, "...", 3);
        dst += 3;
        size -= 3;
    }
    snprintf(dst, size, "%s", s);
}

static void name_slot(struct fn_slot *slot, uint64_t fn)
{
    Dl_info info;

    if (dladdr((void *)(uintptr_t)fn, &info) == 0 || info.dli_fname == NULL) {
        return;
    }
    keep(slot->lib, sizeof(slot->lib), info.dli_fname);
    if (info.dli_sname != NULL && info.dli_saddr == (void *)(uintptr_t)fn) {
        keep(slot->sym, sizeof(slot->sym), info.dli_sname);
    }
}

static void count_fn(uint64_t fn, uint64_t ns)
{
    size_t i = (size_t)((fn * 0x9e3779b97f4a7c15ull) >> 52) & (FN_SLOTS - 1);

    for (size_t probe = 0; probe < FN_SLOTS; probe++, i = (i + 1) & (FN_SLOTS - 1)) {
        uint64_t seen = __atomic_load_n(&fn_table[i].fn, __ATOMIC_RELAXED);

        if (seen == 0) {
            uint64_t expected = 0;

            if (__atomic_compare_exchange_n(&fn_table[i].fn, &expected, fn, false,
                                            __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
                name_slot(&fn_table[i], fn);
                seen = fn;
            } else {
                seen = expected;
            }
        }
        if (seen == fn) {
            __atomic_add_fetch(&fn_table[i].count, 1, __ATOMIC_RELAXED);
            __atomic_add_fetch(&fn_table[i].ns, ns, __ATOMIC_RELAXED);
            return;
        }
    }
    __atomic_add_fetch(&other_count, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&other_ns, ns, __ATOMIC_RELAXED);
}

void dlcall_stats_record(unsigned int kind, uint64_t fn, uint64_t ns)
{
    if (kind >= DLCALL_STATS_KINDS) {
        kind = DLCALL_STATS_UNKNOWN;
    }
    __atomic_add_fetch(&id_count[kind], 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&id_ns[kind], ns, __ATOMIC_RELAXED);
    if (fn != 0) {
        count_fn(fn, ns);
    }
}

/* One host function, named at report time. */
struct fn_row {
    const char *lib;
    const char *sym;
    uint64_t fn;
    uint64_t count;
    uint64_t ns;
    uint64_t lib_count; /* the library's total, for ordering */
};

static int by_library_then_count(const void *pa, const void *pb)
{
    const struct fn_row *a = pa, *b = pb;
    int c;

    if (a->lib_count != b->lib_count) {
        return a->lib_count < b->lib_count ? 1 : -1;
    }
    c = strcmp(a->lib, b->lib);
    if (c != 0) {
        return c;
    }
    return a->count < b->count ? 1 : a->count > b->count ? -1 : 0;
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    char line[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (report_buf != NULL) {
        fputs(line, report_buf);
    } else {
        dlcall_log(line);
    }
}

static size_t collect(struct fn_row *rows)
{
    size_t n = 0;

    for (size_t i = 0; i < FN_SLOTS; i++) {
        struct fn_row *r;

        if (fn_table[i].fn == 0) {
            continue;
        }
        r = &rows[n++];
        r->fn = fn_table[i].fn;
        r->count = fn_table[i].count;
        r->ns = fn_table[i].ns;
        r->lib = fn_table[i].lib[0] != 0 ? fn_table[i].lib : "(no library)";
        r->sym = fn_table[i].sym[0] != 0 ? fn_table[i].sym : NULL;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            if (strcmp(rows[i].lib, rows[j].lib) == 0) {
                rows[i].lib_count += rows[j].count;
            }
        }
    }
    qsort(rows, n, sizeof(rows[0]), by_library_then_count);
    return n;
}

static void report_functions(void)
{
    struct fn_row *rows = calloc(FN_SLOTS, sizeof(*rows));
    size_t n;

    if (rows == NULL) {
        return;
    }
    n = collect(rows);
    for (size_t i = 0; i < n; i++) {
        if (rows[i].count == 0) {
            continue; /* called by the parent only */
        }
        if (i == 0 || strcmp(rows[i].lib, rows[i - 1].lib) != 0) {
            uint64_t ns = 0;

            for (size_t j = i; j < n && strcmp(rows[j].lib, rows[i].lib) == 0; j++) {
                ns += rows[j].ns;
            }
            say("dlcall stats: library %s: %llu calls, %.3f ms on the host\n", rows[i].lib,
                (unsigned long long)rows[i].lib_count, (double)ns / 1e6);
        }
        if (rows[i].sym != NULL) {
            say("dlcall stats:   %s: %llu calls, %.3f ms\n", rows[i].sym,
                (unsigned long long)rows[i].count, (double)rows[i].ns / 1e6);
        } else {
            say("dlcall stats:   0x%llx: %llu calls, %.3f ms\n", (unsigned long long)rows[i].fn,
                (unsigned long long)rows[i].count, (double)rows[i].ns / 1e6);
        }
    }
    if (other_count != 0) {
        say("dlcall stats: %llu calls of further functions (table full), %.3f ms\n",
            (unsigned long long)other_count, (double)other_ns / 1e6);
    }
    free(rows);
}

/*
 * At exit (PluginExports.AtExit) and before an exec the plugin follows,
 * with stats=on. The counts start again from zero: an exec that fails
 * goes on in this process image.
 */
static void report(bool skip_empty);

void dlcall_stats_report(void)
{
    report(false);
}

/* Before an exec the plugin follows: an image that made no call (a
 * shell's fork on its way to exec) says nothing. */
void dlcall_stats_report_image(void)
{
    report(true);
}

static void report(bool skip_empty)
{
    uint64_t calls = 0, ns = 0;
    char *text = NULL;
    size_t len = 0;

    if (!(__atomic_load_n(&dlcall_slow, __ATOMIC_RELAXED) & DLCALL_SLOW_STATS)) {
        return;
    }
    for (int i = 0; i < DLCALL_STATS_KINDS; i++) {
        calls += id_count[i];
        ns += id_ns[i];
    }
    if (skip_empty && calls == 0) {
        return;
    }
    if (report_fd >= 0) { /* the whole report in one write(): see report_fd */
        report_buf = open_memstream(&text, &len);
    }
    say("dlcall stats: process %d: %s\n", (int)getpid(), program[0] ? program : "?");
    say("dlcall stats: %llu calls, %.3f ms on the host\n", (unsigned long long)calls,
        (double)ns / 1e6);
    for (int i = 0; i < DLCALL_STATS_KINDS; i++) {
        if (id_count[i] != 0) {
            say("dlcall stats: %s: %llu calls, %.3f ms\n", id_names[i],
                (unsigned long long)id_count[i], (double)id_ns[i] / 1e6);
        }
    }
    report_functions();
    forget_counts();
    if (report_buf != NULL) {
        fclose(report_buf);
        report_buf = NULL;
        for (size_t done = 0; done < len;) {
            ssize_t n = write(report_fd, text + done, len - done);

            if (n <= 0) {
                break;
            }
            done += (size_t)n;
        }
    }
    free(text);
}
