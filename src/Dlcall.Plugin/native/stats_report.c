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

/* "1 call", "2 calls": the noun for @n. */
static const char *calls_word(uint64_t n)
{
    return n == 1 ? "call" : "calls";
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

/* Host functions of a thunk library named for dlcall rather than for the
 * guest: ThunkGen's helpers (HostThunkEmitter's invoker table handed over
 * when the stub loads, BoundaryFunction.StubName's form of a variadic
 * function without its variadic arguments, HostMethod.ThunkName's method
 * of an object the library handed out, OpCodeEmitter's variadic function
 * by operation) and the spec's override helpers (thunks/LIB/overrides:
 * dlcall_sqlite3_format). */
#define DLCALL_PREFIX "dlcall_"
#define FIXED_PREFIX "dlcall_fixed_"
#define METHOD_PREFIX "dlcall_method_"
#define OPCODE_PREFIX "dlcall_opcode_"

/* @sym without @prefix, or NULL when it does not start with it (or is only it). */
static const char *after(const char *sym, const char *prefix)
{
    size_t len = strlen(prefix);

    return strncmp(sym, prefix, len) == 0 && sym[len] != 0 ? sym + len : NULL;
}

/* The guest function a row stands for, in the words of the library's API
 * (a method or a fixed form said so); false for dlcall's own work in a
 * thunk library, which the report sums per library instead. */
static bool guest_function(char *dst, size_t size, const struct fn_row *r)
{
    const char *lib = strrchr(r->lib, '/') != NULL ? strrchr(r->lib, '/') + 1 : r->lib;
    const char *sym = r->sym, *rest;

    if (sym == NULL) {
        snprintf(dst, size, "0x%llx", (unsigned long long)r->fn);
        return true;
    }
    if ((rest = after(sym, THUNK_PREFIX)) != NULL) {
        sym = rest;
    } else if (strncmp(lib, THUNK_LIB_PREFIX, strlen(THUNK_LIB_PREFIX)) != 0) {
        snprintf(dst, size, "%s", sym); /* another library's own name: dlcall_test_add */
        return true;
    }
    if ((rest = after(sym, FIXED_PREFIX)) != NULL) {
        snprintf(dst, size, "%s (without variadic arguments)", rest);
    } else if ((rest = after(sym, METHOD_PREFIX)) != NULL) {
        snprintf(dst, size, "%s (method of the library's object)", rest);
    } else if ((rest = after(sym, OPCODE_PREFIX)) != NULL) {
        snprintf(dst, size, "%s", rest);
    } else if (after(sym, DLCALL_PREFIX) != NULL && sym == r->sym) {
        return false; /* not a thunk of the guest's: dlcall_register_invokers, an override's helper */
    } else {
        snprintf(dst, size, "%s", sym);
    }
    return true;
}

static void report_row(const char *name, uint64_t count, uint64_t ns, uint64_t callbacks)
{
    char more[48] = "";

    if (callbacks != 0) {
        snprintf(more, sizeof(more), ", %llu guest callback%s", (unsigned long long)callbacks,
                 callbacks == 1 ? "" : "s");
    }
    say("dlcall stats:   %s: %llu %s, %.3f ms%s\n", name, (unsigned long long)count,
        calls_word(count), (double)ns / 1e6, more);
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
        say("dlcall stats: guest callback %s: %llu %s\n", rows[i].label,
            (unsigned long long)rows[i].count, calls_word(rows[i].count));
    }
    if (dlcall_other_callbacks != 0) {
        say("dlcall stats: %llu further guest callback%s (table full)\n",
            (unsigned long long)dlcall_other_callbacks, dlcall_other_callbacks == 1 ? "" : "s");
    }
    free(rows);
}

static void report_functions(void)
{
    struct fn_row *rows = calloc(FN_SLOTS, sizeof(*rows));
    char lib[sizeof(dlcall_fn_table[0].lib) + 40];
    char name[sizeof(dlcall_fn_table[0].sym) + 40];
    uint64_t own_count = 0, own_ns = 0; /* the library's rows guest_function() says are dlcall's */
    size_t n;

    if (rows == NULL) {
        return;
    }
    n = collect(rows);
    for (size_t i = 0; i < n; i++) {
        bool first = i == 0 || strcmp(rows[i].lib, rows[i - 1].lib) != 0;
        bool last = i + 1 == n || strcmp(rows[i].lib, rows[i + 1].lib) != 0;

        if (first) {
            uint64_t ns = 0, count = 0;

            for (size_t j = i; j < n && strcmp(rows[j].lib, rows[i].lib) == 0; j++) {
                ns += rows[j].ns;
                count += rows[j].count;
            }
            own_count = own_ns = 0;
            if (count != 0 || ns != 0) { /* else called by the parent only, or runtime entries */
                library_name(lib, sizeof(lib), rows[i].lib);
                say("dlcall stats: library %s: %llu %s, %.3f ms on the host\n", lib,
                    (unsigned long long)rows[i].lib_count, calls_word(rows[i].lib_count), (double)ns / 1e6);
            }
        }
        if (!guest_function(name, sizeof(name), &rows[i])) {
            own_count += rows[i].count;
            own_ns += rows[i].ns;
        } else if (rows[i].count != 0 || rows[i].ns != 0) {
            report_row(name, rows[i].count, rows[i].ns, rows[i].callbacks);
        }
        if (last && (own_count != 0 || own_ns != 0)) {
            report_row("dlcall's own work (loading the library, override helpers)", own_count, own_ns, 0);
        }
    }
    if (dlcall_other_count != 0) {
        say("dlcall stats: %llu %s of further functions (table full), %.3f ms\n",
            (unsigned long long)dlcall_other_count, calls_word(dlcall_other_count),
            (double)dlcall_other_ns / 1e6);
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
    say("dlcall stats: %llu %s, %.3f ms on the host\n", (unsigned long long)calls,
        calls_word(calls), (double)ns / 1e6);
    for (int i = 0; i < DLCALL_STATS_KINDS; i++) {
        if (dlcall_id_count[i] != 0) {
            say("dlcall stats: %s: %llu %s, %.3f ms\n", id_names[i],
                (unsigned long long)dlcall_id_count[i], calls_word(dlcall_id_count[i]),
                (double)dlcall_id_ns[i] / 1e6);
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
