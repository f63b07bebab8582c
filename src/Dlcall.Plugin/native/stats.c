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
 *
 * The report speaks of what the guest called: a generated thunk
 * (libdlcall_thunk_zlib.so!dlcall_thunk_deflate) is shown as its guest
 * function (zlib: deflate), and a call through the host runtime's entries
 * (dlcall_rt_call, dlcall_rt_resume: calls that may call back, <dlcall/thunk.h>)
 * counts for the thunk its frame runs, with the guest callbacks it asked
 * for counted per label ("zlib: inflateBack(in)").
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
#include <dlcall/thunk.h>

#include "call.h"
#include "guest_mem.h"
#include "log.h"
#include "stats.h"

/* Distinct host functions counted one by one; more go to "other". */
#define FN_SLOTS 4096

/* How a function's calls count: as its own, or for the frame's thunk. */
enum fn_role { ROLE_UNNAMED, ROLE_PLAIN, ROLE_RT_CALL, ROLE_RT_RESUME };

struct fn_slot {
    uint64_t fn;
    uint64_t count;
    uint64_t ns;
    uint64_t callbacks; /* guest callbacks its calls asked for */
    unsigned int role;  /* enum fn_role, stored once the slot is named */
    char lib[160];      /* "" when dladdr knows no library */
    char sym[80];       /* "" when fn is not a symbol's start */
};

/* Distinct callback labels counted one by one; more go to "other". */
#define CB_SLOTS 256

struct cb_slot {
    uint64_t what; /* the label's address: the thunk library's string */
    uint64_t count;
    char label[96];
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
static struct cb_slot cb_table[CB_SLOTS];
static uint64_t other_callbacks;

/* The host runtime's dlcall_rt_callback_what (dlcall_host.h), found by
 * dlsym when its entries are first seen; NULL: callbacks go uncounted. */
static const char *(*rt_callback_what)(const void *frame);

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
        fn_table[i].callbacks = 0;
    }
    for (size_t i = 0; i < CB_SLOTS; i++) {
        cb_table[i].count = 0;
    }
    other_count = other_ns = other_callbacks = 0;
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

/* The host runtime's entry points, whose calls count for the frame's thunk. */
static unsigned int role_of(const Dl_info *info)
{
    bool call, resume;
    void *rt;

    if (info->dli_sname == NULL) {
        return ROLE_PLAIN;
    }
    call = strcmp(info->dli_sname, "dlcall_rt_call") == 0;
    resume = strcmp(info->dli_sname, "dlcall_rt_resume") == 0;
    if (!call && !resume) {
        return ROLE_PLAIN;
    }
    if (__atomic_load_n(&rt_callback_what, __ATOMIC_RELAXED) == NULL &&
        (rt = dlopen(info->dli_fname, RTLD_NOW | RTLD_NOLOAD)) != NULL) {
        __atomic_store_n(&rt_callback_what,
                         (const char *(*)(const void *))dlsym(rt, "dlcall_rt_callback_what"),
                         __ATOMIC_RELAXED);
        dlclose(rt);
    }
    return call ? ROLE_RT_CALL : ROLE_RT_RESUME;
}

static unsigned int name_slot(struct fn_slot *slot, uint64_t fn)
{
    Dl_info info;

    if (dladdr((void *)(uintptr_t)fn, &info) == 0 || info.dli_fname == NULL) {
        return ROLE_PLAIN;
    }
    keep(slot->lib, sizeof(slot->lib), info.dli_fname);
    if (info.dli_sname != NULL && info.dli_saddr == (void *)(uintptr_t)fn) {
        keep(slot->sym, sizeof(slot->sym), info.dli_sname);
        return role_of(&info);
    }
    return ROLE_PLAIN;
}

/* @fn's slot, taken and named when new; NULL when the table is full. */
static struct fn_slot *slot_of(uint64_t fn)
{
    size_t i = (size_t)((fn * 0x9e3779b97f4a7c15ull) >> 52) & (FN_SLOTS - 1);

    for (size_t probe = 0; probe < FN_SLOTS; probe++, i = (i + 1) & (FN_SLOTS - 1)) {
        uint64_t seen = __atomic_load_n(&fn_table[i].fn, __ATOMIC_RELAXED);

        if (seen == 0) {
            uint64_t expected = 0;

            if (__atomic_compare_exchange_n(&fn_table[i].fn, &expected, fn, false,
                                            __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
                __atomic_store_n(&fn_table[i].role, name_slot(&fn_table[i], fn),
                                 __ATOMIC_RELEASE);
                seen = fn;
            } else {
                seen = expected;
            }
        }
        if (seen == fn) {
            return &fn_table[i];
        }
    }
    return NULL;
}

/* @slot's role; while another thread is still naming it, asks dladdr too. */
static unsigned int role(const struct fn_slot *slot)
{
    unsigned int r = __atomic_load_n(&slot->role, __ATOMIC_ACQUIRE);
    Dl_info info;

    if (r != ROLE_UNNAMED) {
        return r;
    }
    if (dladdr((void *)(uintptr_t)slot->fn, &info) == 0 ||
        info.dli_saddr != (void *)(uintptr_t)slot->fn) {
        return ROLE_PLAIN;
    }
    return role_of(&info);
}

static void add(struct fn_slot *slot, uint64_t calls, uint64_t ns)
{
    if (slot == NULL) {
        __atomic_add_fetch(&other_count, calls, __ATOMIC_RELAXED);
        __atomic_add_fetch(&other_ns, ns, __ATOMIC_RELAXED);
        return;
    }
    __atomic_add_fetch(&slot->count, calls, __ATOMIC_RELAXED);
    __atomic_add_fetch(&slot->ns, ns, __ATOMIC_RELAXED);
}

static void count_callback(const char *what)
{
    uint64_t key = (uint64_t)(uintptr_t)what;
    size_t i = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 56) & (CB_SLOTS - 1);

    for (size_t probe = 0; probe < CB_SLOTS; probe++, i = (i + 1) & (CB_SLOTS - 1)) {
        uint64_t seen = __atomic_load_n(&cb_table[i].what, __ATOMIC_RELAXED);

        if (seen == 0) {
            uint64_t expected = 0;

            if (__atomic_compare_exchange_n(&cb_table[i].what, &expected, key, false,
                                            __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
                /* Copied now: the thunk library holding it may be unloaded by exit. */
                keep(cb_table[i].label, sizeof(cb_table[i].label), what);
                seen = key;
            } else {
                seen = expected;
            }
        }
        if (seen == key) {
            __atomic_add_fetch(&cb_table[i].count, 1, __ATOMIC_RELAXED);
            return;
        }
    }
    __atomic_add_fetch(&other_callbacks, 1, __ATOMIC_RELAXED);
}

/*
 * A call of the host runtime's entry @rt with @frame (guest memory, which
 * the runtime has just used): it counts for the thunk the frame runs, once
 * per dlcall_rt_call (a resume only adds host time), and the callback the
 * frame now waits for, if any, is counted by its label.
 */
static void count_runtime(struct fn_slot *rt, unsigned int entry, uint64_t frame, uint64_t ns)
{
    const char *(*callback_what)(const void *) =
        __atomic_load_n(&rt_callback_what, __ATOMIC_RELAXED);
    uint64_t thunk = 0;
    struct fn_slot *slot;
    const char *what;

    if (!dlcall_read_guest(frame + offsetof(struct dlcall_frame, thunk), &thunk, sizeof(thunk)) ||
        thunk == 0) {
        add(rt, 1, ns);
        return;
    }
    slot = slot_of(thunk);
    add(slot, entry == ROLE_RT_CALL ? 1 : 0, ns);
    what = callback_what != NULL ? callback_what((const void *)(uintptr_t)frame) : NULL;
    if (what != NULL) {
        if (slot != NULL) {
            __atomic_add_fetch(&slot->callbacks, 1, __ATOMIC_RELAXED);
        }
        count_callback(what);
    }
}

void dlcall_stats_record(unsigned int kind, uint64_t fn, uint64_t arg, uint64_t ns)
{
    struct fn_slot *slot;
    unsigned int r;

    if (kind >= DLCALL_STATS_KINDS) {
        kind = DLCALL_STATS_UNKNOWN;
    }
    __atomic_add_fetch(&id_count[kind], 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&id_ns[kind], ns, __ATOMIC_RELAXED);
    if (fn == 0) {
        return;
    }
    slot = slot_of(fn);
    r = slot != NULL ? role(slot) : ROLE_PLAIN;
    if (r == ROLE_RT_CALL || r == ROLE_RT_RESUME) {
        count_runtime(slot, r, arg, ns);
    } else {
        add(slot, 1, ns);
    }
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

        if (fn_table[i].fn == 0) {
            continue;
        }
        r = &rows[n++];
        r->fn = fn_table[i].fn;
        r->count = fn_table[i].count;
        r->ns = fn_table[i].ns;
        r->callbacks = fn_table[i].callbacks;
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
    struct cb_slot *rows = malloc(sizeof(cb_table));
    size_t n = 0;

    if (rows == NULL) {
        return;
    }
    for (size_t i = 0; i < CB_SLOTS; i++) {
        if (cb_table[i].what != 0 && cb_table[i].count != 0) {
            rows[n++] = cb_table[i];
        }
    }
    qsort(rows, n, sizeof(rows[0]), by_count);
    for (size_t i = 0; i < n; i++) {
        say("dlcall stats: guest callback %s: %llu calls\n", rows[i].label,
            (unsigned long long)rows[i].count);
    }
    if (other_callbacks != 0) {
        say("dlcall stats: %llu further guest callbacks (table full)\n",
            (unsigned long long)other_callbacks);
    }
    free(rows);
}

static void report_functions(void)
{
    struct fn_row *rows = calloc(FN_SLOTS, sizeof(*rows));
    char lib[sizeof(fn_table[0].lib) + 40];
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
    if (other_count != 0) {
        say("dlcall stats: %llu calls of further functions (table full), %.3f ms\n",
            (unsigned long long)other_count, (double)other_ns / 1e6);
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
