/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stats=on: calls and host time per protocol ID, and per host function
 * for INVOKE_PROC and the fast path; stats_report.c prints them. Counting
 * runs on every call, so it is a fixed table in BSS with lock-free
 * inserts. A function is named (dladdr) once, when its slot is taken,
 * because its library may be unloaded by exit.
 *
 * A call through the host runtime's entries (dlcall_rt_call,
 * dlcall_rt_resume: calls that may call back, <dlcall/thunk.h>) counts for
 * the thunk its frame runs, so the report can name the guest function;
 * the guest callbacks it asked for count for it and per label ("zlib:
 * inflateBack(in)").
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <dlcall/protocol.h>
#include <dlcall/thunk.h>

#include "guest_mem.h"
#include "stats.h"

uint64_t dlcall_id_count[DLCALL_STATS_KINDS];
uint64_t dlcall_id_ns[DLCALL_STATS_KINDS];
struct fn_slot dlcall_fn_table[FN_SLOTS];
uint64_t dlcall_other_count, dlcall_other_ns;
struct cb_slot dlcall_cb_table[CB_SLOTS];
uint64_t dlcall_other_callbacks;

/* The host runtime's dlcall_rt_callback_what (dlcall_host.h), found by
 * dlsym when its entries are first seen; NULL: callbacks go uncounted. */
static const char *(*rt_callback_what)(const void *frame);

/* A forked child reports its own calls, not its parent's too. */
void dlcall_stats_forget(void)
{
    memset(dlcall_id_count, 0, sizeof(dlcall_id_count));
    memset(dlcall_id_ns, 0, sizeof(dlcall_id_ns));
    for (size_t i = 0; i < FN_SLOTS; i++) {
        dlcall_fn_table[i].count = 0;
        dlcall_fn_table[i].ns = 0;
        dlcall_fn_table[i].callbacks = 0;
    }
    for (size_t i = 0; i < CB_SLOTS; i++) {
        dlcall_cb_table[i].count = 0;
    }
    dlcall_other_count = dlcall_other_ns = dlcall_other_callbacks = 0;
}

__attribute__((constructor)) static void stats_init(void)
{
    pthread_atfork(NULL, NULL, dlcall_stats_forget);
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
        uint64_t seen = __atomic_load_n(&dlcall_fn_table[i].fn, __ATOMIC_RELAXED);

        if (seen == 0) {
            uint64_t expected = 0;

            if (__atomic_compare_exchange_n(&dlcall_fn_table[i].fn, &expected, fn, false,
                                            __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
                __atomic_store_n(&dlcall_fn_table[i].role, name_slot(&dlcall_fn_table[i], fn),
                                 __ATOMIC_RELEASE);
                seen = fn;
            } else {
                seen = expected;
            }
        }
        if (seen == fn) {
            return &dlcall_fn_table[i];
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
        __atomic_add_fetch(&dlcall_other_count, calls, __ATOMIC_RELAXED);
        __atomic_add_fetch(&dlcall_other_ns, ns, __ATOMIC_RELAXED);
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
        uint64_t seen = __atomic_load_n(&dlcall_cb_table[i].what, __ATOMIC_RELAXED);

        if (seen == 0) {
            uint64_t expected = 0;

            if (__atomic_compare_exchange_n(&dlcall_cb_table[i].what, &expected, key, false,
                                            __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
                /* Copied now: the thunk library holding it may be unloaded by exit. */
                keep(dlcall_cb_table[i].label, sizeof(dlcall_cb_table[i].label), what);
                seen = key;
            } else {
                seen = expected;
            }
        }
        if (seen == key) {
            __atomic_add_fetch(&dlcall_cb_table[i].count, 1, __ATOMIC_RELAXED);
            return;
        }
    }
    __atomic_add_fetch(&dlcall_other_callbacks, 1, __ATOMIC_RELAXED);
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
    __atomic_add_fetch(&dlcall_id_count[kind], 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&dlcall_id_ns[kind], ns, __ATOMIC_RELAXED);
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
