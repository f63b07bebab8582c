/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stats=on: the report of what stats.c counted, at exit (or right before
 * the process image ends in an exec the plugin follows) through QEMU's log
 * (-d plugin, or a file with -D), or with stats_file= appended to a file
 * in one write, so that the reports of a whole process tree (children
 * exec'd under the plugin, docs/HowItWorks.md "Exec following") share it
 * without truncating or interleaving. C, not C#: it must not allocate on
 * the managed heap (docs/HowItWorks.md "The plugin's C").
 *
 * It speaks of what the guest called: a generated thunk
 * (libdlcall_thunk_zlib.so!dlcall_thunk_deflate) is shown as its guest
 * function (deflate) under its library's name (zlib); the guest callbacks
 * host code made are listed per label.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dlcall/protocol.h>

#include "call.h"
#include "log.h"
#include "stats.h"

#define ID_NAME(name, value) [value] = #name,
static const char *const id_names[DLCALL_STATS_KINDS] = {
    DLCALL_ID_LIST(ID_NAME)
    [DLCALL_STATS_FAST] = "fast path call",
    [DLCALL_STATS_UNKNOWN] = "unknown ID",
};

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

/* One host function, named at report time. */
struct fn_row {
    const char *lib;
    const char *sym;
    uint64_t fn;
    uint64_t count;
    uint64_t ns;
    uint64_t callbacks;
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
    if (a->count != b->count) {
        return a->count < b->count ? 1 : -1;
    }
    return a->ns < b->ns ? 1 : a->ns > b->ns ? -1 : 0;
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

        if (dlcall_fn_table[i].fn == 0) {
            continue;
        }
        r = &rows[n++];
        r->fn = dlcall_fn_table[i].fn;
        r->count = dlcall_fn_table[i].count;
        r->ns = dlcall_fn_table[i].ns;
        r->callbacks = dlcall_fn_table[i].callbacks;
        r->lib = dlcall_fn_table[i].lib[0] != 0 ? dlcall_fn_table[i].lib : "(no library)";
        r->sym = dlcall_fn_table[i].sym[0] != 0 ? dlcall_fn_table[i].sym : NULL;
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

/* The generated thunks' names, which the report leaves out (ThunkGen's
 * BoundaryFunction.ThunkName and GuestLoaderEmitter.HostLibraryName). */
#define THUNK_PREFIX "dlcall_thunk_"
#define THUNK_LIB_PREFIX "libdlcall_thunk_"

/* "zlib (/path/libdlcall_thunk_zlib.so)" for a thunk library, else @lib. */
static void library_name(char *dst, size_t size, const char *lib)
{
    const char *base = strrchr(lib, '/') != NULL ? strrchr(lib, '/') + 1 : lib;
    size_t len = strlen(base), pre = strlen(THUNK_LIB_PREFIX);

    if (len > pre + 3 && strncmp(base, THUNK_LIB_PREFIX, pre) == 0 &&
        strcmp(base + len - 3, ".so") == 0) {
        snprintf(dst, size, "%.*s (%s)", (int)(len - pre - 3), base + pre, lib);
    } else {
        snprintf(dst, size, "%s", lib);
    }
}

/* The guest function a thunk stands for: its name without the prefix. */
static const char *guest_function(const char *sym)
{
    size_t pre = strlen(THUNK_PREFIX);

    return strncmp(sym, THUNK_PREFIX, pre) == 0 && sym[pre] != 0 ? sym + pre : sym;
}

static void report_function(const struct fn_row *r)
{
    char name[32], more[48] = "";

    if (r->sym == NULL) {
        snprintf(name, sizeof(name), "0x%llx", (unsigned long long)r->fn);
    }
    if (r->callbacks != 0) {
        snprintf(more, sizeof(more), ", %llu guest callbacks", (unsigned long long)r->callbacks);
    }
    say("dlcall stats:   %s: %llu calls, %.3f ms%s\n", r->sym != NULL ? guest_function(r->sym) : name,
        (unsigned long long)r->count, (double)r->ns / 1e6, more);
}

static int by_count(const void *pa, const void *pb)
{
    const struct cb_slot *a = pa, *b = pb;

    return a->count < b->count ? 1 : a->count > b->count ? -1 : strcmp(a->label, b->label);
}

/* The guest callbacks host code made, per label ("zlib: inflateBack(in)"). */
static void report_callbacks(void)
{
    struct cb_slot *rows = malloc(sizeof(dlcall_cb_table));
    size_t n = 0;

    if (rows == NULL) {
        return;
    }
    for (size_t i = 0; i < CB_SLOTS; i++) {
        if (dlcall_cb_table[i].what != 0 && dlcall_cb_table[i].count != 0) {
            rows[n++] = dlcall_cb_table[i];
        }
    }
    qsort(rows, n, sizeof(rows[0]), by_count);
    for (size_t i = 0; i < n; i++) {
        say("dlcall stats: guest callback %s: %llu calls\n", rows[i].label,
            (unsigned long long)rows[i].count);
    }
    if (dlcall_other_callbacks != 0) {
        say("dlcall stats: %llu further guest callbacks (table full)\n",
            (unsigned long long)dlcall_other_callbacks);
    }
    free(rows);
}

static void report_functions(void)
{
    struct fn_row *rows = calloc(FN_SLOTS, sizeof(*rows));
    char lib[sizeof(dlcall_fn_table[0].lib) + 40];
    size_t n;

    if (rows == NULL) {
        return;
    }
    n = collect(rows);
    for (size_t i = 0; i < n; i++) {
        if (rows[i].count == 0 && rows[i].ns == 0) {
            continue; /* called by the parent only, or a runtime entry */
        }
        if (i == 0 || strcmp(rows[i].lib, rows[i - 1].lib) != 0) {
            uint64_t ns = 0;

            for (size_t j = i; j < n && strcmp(rows[j].lib, rows[i].lib) == 0; j++) {
                ns += rows[j].ns;
            }
            library_name(lib, sizeof(lib), rows[i].lib);
            say("dlcall stats: library %s: %llu calls, %.3f ms on the host\n", lib,
                (unsigned long long)rows[i].lib_count, (double)ns / 1e6);
        }
        report_function(&rows[i]);
    }
    if (dlcall_other_count != 0) {
        say("dlcall stats: %llu calls of further functions (table full), %.3f ms\n",
            (unsigned long long)dlcall_other_count, (double)dlcall_other_ns / 1e6);
    }
    free(rows);
    report_callbacks();
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
        calls += dlcall_id_count[i];
        ns += dlcall_id_ns[i];
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
        if (dlcall_id_count[i] != 0) {
            say("dlcall stats: %s: %llu calls, %.3f ms\n", id_names[i],
                (unsigned long long)dlcall_id_count[i], (double)dlcall_id_ns[i] / 1e6);
        }
    }
    report_functions();
    dlcall_stats_forget();
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
