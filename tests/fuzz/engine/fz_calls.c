/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fz_calls.c: one fuzzed dlcall and its oracle.
 *
 * The oracle follows shared/spec/protocol.md and docs/Protocol.md: an
 * unknown ID answers -EINVAL and touches nothing; a known one answers
 * -EFAULT when any pointer it must dereference is NULL (where NULL is not
 * legal) or unusable, or a handle is none libdl gave, and -ENAMETOOLONG
 * for a string without a NUL in DLCALL_STRING_MAX bytes (with several bad
 * arguments, any of their answers); a refused call writes nothing but
 * maybe the "no result" value into its out object (the plugin probes out
 * pointers by writing it). Otherwise 0 with the result in the out object
 * and no byte written beside it. Results are
 * checked as far as the inputs decide them (the "emu" attribute, a known
 * library that must load, a known symbol that must resolve, dlclose's 0).
 */
#include "fz_pool.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <dlcall/dlcall.h>

#define RET_EFAULT (-(int64_t)DLCALL_EFAULT)
#define RET_EINVAL (-(int64_t)DLCALL_EINVAL)
#define RET_ENAMETOOLONG (-(int64_t)DLCALL_ENAMETOOLONG)
#define NOT_POINTER FZ_CLASSES

/* The sysrets an argument allows; a call allows what all its arguments do (accept()). */
enum { A_OK = 1, A_EFAULT = 2, A_ENAMETOOLONG = 4 };

static const char *const keys[] = {
    DLCALL_ATTR_EMU, DLCALL_ATTR_VERSION, DLCALL_ATTR_HOST_ARCH, DLCALL_ATTR_FAST_PATH,
    "emulator", "em", "", "EMU", NULL,
};
static const char *paths[FZ_MAX_LIBS + 3];
static const char *names[FZ_MAX_LIBS + 4];
static const char missing_lib[] = "libdlcall-fz-missing.so";
static const char missing_sym[] = "dlcall_fz_missing_symbol";

const char *fz_class_name(enum fz_class c)
{
    static const char *const n[FZ_CLASSES] = {
        "null", "small", "noncanonical", "kernel", "prot_none", "straddle", "unterminated",
        "too_long", "read_only", "host", "not_handle", "rtld_next", "handle", "valid",
    };

    return c < FZ_CLASSES ? n[c] : "-";
}

__attribute__((format(printf, 2, 3), noreturn))
static void fail(const struct fz_args *a, const char *fmt, ...)
{
    char why[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    fz.env->fail(a, why);
    __builtin_trap(); /* fail must not return */
}

static unsigned judge_out(enum fz_class c)
{
    return c == FZ_VALID ? A_OK : A_EFAULT;
}

/* Host memory is mapped, so the plugin may read a string there. */
static unsigned judge_str(enum fz_class c, bool null_ok)
{
    if (c == FZ_VALID || (c == FZ_NULL && null_ok)) {
        return A_OK;
    }
    return c == FZ_HOST ? A_OK | A_EFAULT : c == FZ_LONG ? A_ENAMETOOLONG : A_EFAULT;
}

/* RTLD_DEFAULT and RTLD_NEXT are handles for dlsym, not for dlclose. */
static unsigned judge_handle(enum fz_class c, bool closing)
{
    if (c == FZ_HANDLE || (!closing && (c == FZ_NULL || c == FZ_RTLD_NEXT))) {
        return A_OK;
    }
    return A_EFAULT;
}

/* 0 when every argument allows it; every error some argument may cause. */
static unsigned accept(unsigned a, unsigned b)
{
    return (a & b & A_OK) | ((a | b) & ~A_OK);
}

static int64_t call(const struct fz_args *a)
{
    if (fz.env->trace != NULL) {
        fz.env->trace(a);
    }
    return fz.env->syscall(a->id, a->a2, a->a3, a->a4);
}

/* The sysret against what the arguments allow; true when the call was served (0). */
static bool served(const struct fz_args *a, int64_t ret, unsigned allowed)
{
    if ((ret == 0 && (allowed & A_OK)) || (ret == RET_EFAULT && (allowed & A_EFAULT)) ||
        (ret == RET_ENAMETOOLONG && (allowed & A_ENAMETOOLONG))) {
        return ret == 0;
    }
    fail(a, "sysret %lld, allowed:%s%s%s", (long long)ret, allowed & A_OK ? " 0" : "",
         allowed & A_EFAULT ? " -EFAULT" : "", allowed & A_ENAMETOOLONG ? " -ENAMETOOLONG" : "");
}

/*
 * Window @w holds nothing but the fill beside the object. The object holds the result when
 * the call was served, else the fill or @none, the "no result" value (NULL for pointers, -1
 * for dlclose's int), which the plugin writes to probe an out pointer before it refuses for
 * another reason.
 */
static void check_window(const struct fz_args *a, int w, enum fz_class c, size_t off,
                         size_t size, bool written, uint64_t none)
{
    const uint8_t *obj = fz_window(w) + off;
    long at;

    if (c != FZ_VALID) {
        return;
    }
    if (!written && memcmp(obj, &none, size) == 0) {
        written = true;
    }
    at = written ? fz_window_dirty(w, off, off + size) : fz_window_dirty(w, 0, 0);
    if (at >= 0) {
        fail(a, "byte %ld of out window %d was written (object at %zu, %zu bytes, %s)", at, w,
             off, size, written ? "served" : "refused");
    }
}

/* For calls whose refusal must leave the object alone. */
#define UNTOUCHED 0xa5a5a5a5a5a5a5a5ULL

static uint64_t window_u64(int w, size_t off)
{
    uint64_t v;

    memcpy(&v, fz_window(w) + off, sizeof(v));
    return v;
}

/* The text of a valid string argument (our own pages), for the oracle. */
static void text_of(uint64_t p, enum fz_class c, char *buf, size_t size)
{
    buf[0] = '\0';
    if (c == FZ_VALID) {
        snprintf(buf, size, "%s", (const char *)(uintptr_t)p);
    }
}

static int index_of(const char *const *list, int n, const char *s)
{
    for (int i = 0; i < n; i++) {
        if (strcmp(list[i], s) == 0) {
            return i;
        }
    }
    return -1;
}

static int64_t op_attribute(struct fz_src *s, struct fz_args *a)
{
    char key[FZ_STR_MAX + 1], value[FZ_STR_MAX + 1];
    size_t off;
    int64_t ret;
    uint64_t v;
    int k;

    a->a2 = fz_pick_str(s, keys, false, &a->c2);
    a->a3 = fz_pick_out(s, 0, 8, &a->c3, &off);
    a->a4 = fz_u64(s);
    text_of(a->a2, a->c2, key, sizeof(key));
    ret = call(a);
    bool ok = served(a, ret, accept(judge_str(a->c2, false), judge_out(a->c3)));
    check_window(a, 0, a->c3, off, 8, ok, 0);
    if (!ok || a->c2 != FZ_VALID) {
        return ret;
    }
    v = window_u64(0, off);
    k = index_of(keys, 4, key);
    if (v != 0) {
        dlcall_copy_host_string(value, (const char *)(uintptr_t)v, sizeof(value));
    }
    if (k == 0 && (v == 0 || strcmp(value, DLCALL_ATTR_EMU_VALUE) != 0)) {
        fail(a, "attribute \"emu\" is not \"qemu\"");
    }
    if ((k == 0 || k == 1 || k == 2 || (k == 3 && fz.env->fast_path)) != (v != 0)) {
        fail(a, "attribute \"%s\" answered %s", key, v ? value : "NULL");
    }
    return ret;
}

/* A library the calls opened: one more reference; closed at once when the table is full. */
static void track_open(uint64_t h)
{
    int free_slot = -1;
    int32_t result = -1;

    for (int i = 0; i < FZ_MAX_OPENED; i++) {
        if (fz.opened[i].refs > 0 && fz.opened[i].handle == h) {
            fz.opened[i].refs++;
            return;
        }
        if (fz.opened[i].refs == 0 && free_slot < 0) {
            free_slot = i;
        }
    }
    if (free_slot >= 0) {
        fz.opened[free_slot] = (struct fz_opened){ h, 1 };
        return;
    }
    if (fz.env->syscall(DLCALL_ID_FREE_LIBRARY, h, (uint64_t)(uintptr_t)&result, 0) != 0 ||
        result != 0) {
        fail(NULL, "dlclose of an opened handle failed");
    }
}

static int64_t op_dlopen(struct fz_src *s, struct fz_args *a)
{
    char path[FZ_STR_MAX + 1];
    uint32_t flags;
    size_t off;
    int64_t ret;
    uint64_t h;
    bool loads;

    a->a2 = fz_pick_str(s, paths, true, &a->c2);
    flags = (fz_u8(s) & 3) | ((uint32_t)fz_u64(s) & fz.env->dlopen_flags);
    a->a3 = (fz_u64(s) << 32) | flags; /* only the low 32 bits are the flags */
    a->a4 = fz_pick_out(s, 0, 8, &a->c4, &off);
    text_of(a->a2, a->c2, path, sizeof(path));
    ret = call(a);
    bool ok = served(a, ret, accept(judge_str(a->c2, true), judge_out(a->c4)));
    check_window(a, 0, a->c4, off, 8, ok, 0);
    if (!ok) {
        return ret;
    }
    h = window_u64(0, off);
    if (a->c2 == FZ_VALID || a->c2 == FZ_NULL) {
        /* NULL and "" are the main program; a bare name of another library is not found. */
        loads = (flags & 3) != 0 &&
                (a->c2 == FZ_NULL || path[0] == '\0' || index_of(paths, fz.lib_count, path) >= 0);
        if (loads != (h != 0)) {
            fail(a, "dlopen(\"%s\", %#x) gave %#llx", a->c2 == FZ_NULL ? "(NULL)" : path, flags,
                 (unsigned long long)h);
        }
    }
    if (h != 0) {
        track_open(h);
    }
    return ret;
}

static int64_t op_dlsym(struct fz_src *s, struct fz_args *a)
{
    char name[FZ_STR_MAX + 1];
    size_t off;
    int64_t ret;
    uint64_t sym;
    int lib, opened;

    a->a2 = fz_pick_handle(s, &a->c2, &lib, &opened);
    a->a3 = fz_pick_str(s, names, false, &a->c3);
    a->a4 = fz_pick_out(s, 0, 8, &a->c4, &off);
    text_of(a->a3, a->c3, name, sizeof(name));
    ret = call(a);
    bool ok = served(a, ret,
                     accept(judge_handle(a->c2, false),
                            accept(judge_str(a->c3, false), judge_out(a->c4))));
    check_window(a, 0, a->c4, off, 8, ok, 0);
    if (!ok || a->c3 != FZ_VALID) {
        return ret;
    }
    sym = window_u64(0, off);
    if (lib >= 0 && strcmp(name, fz.env->lib_symbols[lib]) == 0 && sym == 0) {
        fail(a, "dlsym(%s, \"%s\") gave NULL", fz.env->libs[lib], name);
    }
    if (strcmp(name, missing_sym) == 0 && sym != 0) {
        fail(a, "dlsym of a missing symbol gave %#llx", (unsigned long long)sym);
    }
    return ret;
}

/* Only handles the calls hold a reference to are closed, so init's stay open and valid. */
static int64_t op_dlclose(struct fz_src *s, struct fz_args *a)
{
    size_t off;
    int64_t ret;
    int32_t result;
    int lib, opened;

    a->a2 = fz_pick_handle(s, &a->c2, &lib, &opened);
    if (lib >= 0) { /* init's reference is not the calls' to drop */
        a->a2 = 0;
        a->c2 = FZ_NULL;
    }
    a->a3 = fz_pick_out(s, 0, 4, &a->c3, &off);
    a->a4 = fz_u64(s);
    ret = call(a);
    bool ok = served(a, ret, accept(judge_handle(a->c2, true), judge_out(a->c3)));
    check_window(a, 0, a->c3, off, 4, ok, UINT32_MAX);
    if (!ok) {
        return ret; /* refused before dlclose: the reference is still held */
    }
    memcpy(&result, fz_window(0) + off, sizeof(result));
    if (result != 0) {
        fail(a, "dlclose of a handle with a reference gave %d", result);
    }
    fz.opened[opened].refs--;
    return ret;
}

static int64_t op_dlerror(struct fz_src *s, struct fz_args *a)
{
    char msg[FZ_STR_MAX + 1];
    size_t off;
    int64_t ret;
    uint64_t p;

    a->a2 = fz_pick_out(s, 0, 8, &a->c2, &off);
    a->a3 = fz_u64(s);
    a->a4 = fz_u64(s);
    ret = call(a);
    bool ok = served(a, ret, judge_out(a->c2));
    check_window(a, 0, a->c2, off, 8, ok, 0);
    p = ok ? window_u64(0, off) : 0;
    if (p != 0 && dlcall_copy_host_string(msg, (const char *)(uintptr_t)p, sizeof(msg))[0] == 0) {
        fail(a, "dlerror gave an empty message");
    }
    return ret;
}

/*
 * The block is only checked (read and written back unchanged) and stored;
 * the magic instruction, which these programs never run, would use it.
 * NULL drops it; it must be aligned, readable and writable.
 */
static int64_t op_fast_block(struct fz_src *s, struct fz_args *a)
{
    size_t off;
    int64_t ret, want;

    a->a2 = fz_pick_out(s, 0, sizeof(struct dlcall_fast_block), &a->c2, &off);
    a->a3 = fz_u64(s);
    a->a4 = fz_u64(s);
    ret = call(a);
    if (!fz.env->fast_path) {
        want = RET_EINVAL;
    } else {
        want = a->a2 == 0 || (a->c2 == FZ_VALID && (a->a2 & 7) == 0) ? 0 : RET_EFAULT;
    }
    if (ret != want) {
        fail(a, "REGISTER_FAST_BLOCK sysret %lld, want %lld", (long long)ret, (long long)want);
    }
    check_window(a, 0, a->c2, off, 0, false, UNTOUCHED);
    fz.fast_registered = ret == 0 && a->a2 != 0;
    return ret;
}

/* IDs the plugin must refuse: beyond 6, and ones whose low 32 bits are a known ID. */
static int64_t op_refused(struct fz_src *s, struct fz_args *a)
{
    static const uint64_t edges[] = {
        7, 8, 63, 64, 255, 4096, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL,
        0x100000001ULL, 0x100000005ULL, 0x8000000000000000ULL, UINT64_MAX, (uint64_t)-22,
    };
    size_t off[3];
    int64_t ret;

    a->id = fz_u8(s) < 128 ? edges[fz_below(s, sizeof(edges) / sizeof(edges[0]))] : fz_u64(s);
    if (a->id <= DLCALL_ID_REGISTER_FAST_BLOCK) {
        a->id += 7;
    }
    a->a2 = fz_pick_out(s, 0, 8, &a->c2, &off[0]);
    a->a3 = fz_pick_out(s, 1, 8, &a->c3, &off[1]);
    a->a4 = fz_pick_out(s, 2, 8, &a->c4, &off[2]);
    ret = call(a);
    if (ret != RET_EINVAL) {
        fail(a, "unknown ID answered %lld, want -EINVAL", (long long)ret);
    }
    check_window(a, 0, a->c2, off[0], 8, false, UNTOUCHED);
    check_window(a, 1, a->c3, off[1], 8, false, UNTOUCHED);
    check_window(a, 2, a->c4, off[2], 8, false, UNTOUCHED);
    return ret;
}

void fz_call(struct fz_src *s, struct fz_stats *st)
{
    static int64_t (*const ops[])(struct fz_src *, struct fz_args *) = {
        op_attribute, op_dlopen, op_dlsym, op_dlclose, op_dlerror, op_fast_block, op_refused,
    };
    static const uint64_t ids[] = { 0, 1, 2, 3, 4, 6, 7 };
    uint32_t op = fz_below(s, 7);
    struct fz_args a = { .id = ids[op], .c2 = NOT_POINTER, .c3 = NOT_POINTER, .c4 = NOT_POINTER };
    int64_t ret;

    fz_windows_reset();
    ret = ops[op](s, &a);
    st->calls++;
    st->by_op[op]++;
    st->by_ret[ret == 0 ? 0 : ret == RET_EFAULT ? 1 : ret == RET_EINVAL ? 2 : 3]++;
    for (int i = 0; i < 3; i++) {
        enum fz_class c = i == 0 ? a.c2 : i == 1 ? a.c3 : a.c4;

        if (c < FZ_CLASSES) {
            st->by_class[c]++;
        }
    }
}

/* The known strings: what the environment loads, and names nothing has. */
void fz_calls_init(void)
{
    int n = 0;

    while (fz.env->libs[n] != NULL) {
        if (n == FZ_MAX_LIBS || strlen(fz.env->libs[n]) > FZ_STR_MAX ||
            strlen(fz.env->lib_symbols[n]) > FZ_STR_MAX) {
            fail(NULL, "too many libraries, or a name longer than FZ_STR_MAX");
        }
        paths[n] = fz.env->libs[n];
        names[n] = fz.env->lib_symbols[n];
        n++;
    }
    fz.lib_count = n;
    paths[n] = missing_lib;
    paths[n + 1] = "";
    names[n] = missing_sym;
    names[n + 1] = "";
    names[n + 2] = "malloc";
}
