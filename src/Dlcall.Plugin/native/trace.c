/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trace=on: one line per call through QEMU's log (-d plugin), written
 * after the call with its arguments, sysret and result. Strings and out
 * values are read back through guest_mem.c, so a bad pointer in a traced
 * call is shown, not followed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <dlcall/protocol.h>

#include "guest_mem.h"
#include "log.h"
#include "trace.h"

/* Strings are shown up to this many bytes. */
#define SHOWN 200

struct text {
    char buf[1024];
    size_t len;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct text *t, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (t->len >= sizeof(t->buf)) {
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(t->buf + t->len, sizeof(t->buf) - t->len, fmt, ap);
    va_end(ap);
    if (n > 0) {
        t->len += (size_t)n;
    }
}

/* Ends the line, even a truncated one, and logs it. */
static void finish(struct text *t)
{
    size_t end = t->len < sizeof(t->buf) - 2 ? t->len : sizeof(t->buf) - 2;

    t->buf[end] = '\n';
    t->buf[end + 1] = 0;
    dlcall_log(t->buf);
}

/* name="..." for a string at @addr (guest or host memory), or why not. */
static void add_string(struct text *t, const char *name, uint64_t addr)
{
    char s[SHOWN + 1];
    int64_t r = addr == 0 ? -DLCALL_EFAULT : dlcall_copy_string(addr, s, sizeof(s));

    if (addr == 0) {
        add(t, " %s=NULL", name);
    } else if (r == DLCALL_OK || r == -DLCALL_ENAMETOOLONG) {
        add(t, " %s=\"%s%s\"", name, s, r == DLCALL_OK ? "" : "...");
    } else {
        add(t, " %s=0x%llx (unreadable)", name, (unsigned long long)addr);
    }
}

static void add_out(struct text *t, const char *name, uint64_t addr, size_t len)
{
    uint64_t v = 0;

    if (dlcall_read_guest(addr, &v, len)) {
        add(t, ", %s=0x%llx", name, (unsigned long long)v);
    }
}

static void add_fn(struct text *t, uint64_t fn)
{
    Dl_info info;

    add(t, " fn=0x%llx", (unsigned long long)fn);
    if (dladdr((void *)(uintptr_t)fn, &info) != 0 && info.dli_fname != NULL) {
        add(t, " (%s!%s)", info.dli_fname, info.dli_sname != NULL ? info.dli_sname : "?");
    }
}

#define ID_NAME(name, value) [value] = #name,
static const char *const id_names[DLCALL_ID_COUNT] = { DLCALL_ID_LIST(ID_NAME) };

/* The ID's name, then its operands as protocol.h lists them. */
static void add_call(struct text *t, uint64_t id, uint64_t a2, uint64_t a3, uint64_t a4)
{
    if (id >= DLCALL_ID_COUNT) {
        add(t, "ID %llu (unknown)", (unsigned long long)id);
        return;
    }
    add(t, "%s", id_names[id]);
    switch (id) {
    case DLCALL_ID_GET_HOST_ATTRIBUTE:
        add_string(t, "key", a2);
        break;
    case DLCALL_ID_LOAD_LIBRARY:
        add_string(t, "path", a2);
        add(t, " flags=0x%llx", (unsigned long long)(uint32_t)a3);
        break;
    case DLCALL_ID_GET_PROC_ADDRESS:
        add(t, " handle=0x%llx", (unsigned long long)a2);
        add_string(t, "name", a3);
        break;
    case DLCALL_ID_FREE_LIBRARY:
        add(t, " handle=0x%llx", (unsigned long long)a2);
        break;
    case DLCALL_ID_INVOKE_PROC:
        add_fn(t, a2);
        add(t, " a=0x%llx b=0x%llx", (unsigned long long)a3, (unsigned long long)a4);
        break;
    case DLCALL_ID_REGISTER_FAST_BLOCK:
        add(t, " block=0x%llx", (unsigned long long)a2);
        break;
    default: /* GET_LIBRARY_ERROR: no operand but the out pointer */
        break;
    }
}

static void add_result(struct text *t, uint64_t id, uint64_t a2, uint64_t a3, uint64_t a4)
{
    uint64_t msg = 0;

    switch (id) {
    case DLCALL_ID_GET_HOST_ATTRIBUTE:
        add_out(t, "value", a3, sizeof(uint64_t));
        break;
    case DLCALL_ID_LOAD_LIBRARY:
        add_out(t, "handle", a4, sizeof(uint64_t));
        break;
    case DLCALL_ID_GET_PROC_ADDRESS:
        add_out(t, "address", a4, sizeof(uint64_t));
        break;
    case DLCALL_ID_FREE_LIBRARY:
        add_out(t, "result", a3, sizeof(int));
        break;
    case DLCALL_ID_GET_LIBRARY_ERROR:
        if (dlcall_read_guest(a2, &msg, sizeof(msg))) {
            add(t, ",");
            add_string(t, "message", msg);
        }
        break;
    default:
        break;
    }
}

/* One syscall-path call, after it ran. */
void dlcall_trace_call(unsigned int vcpu, uint64_t id, uint64_t a2, uint64_t a3,
                       uint64_t a4, int64_t sysret)
{
    struct text t = { .len = 0 };

    add(&t, "dlcall trace: vcpu %u ", vcpu);
    add_call(&t, id, a2, a3, a4);
    add(&t, " -> %lld", (long long)sysret);
    if (sysret == DLCALL_OK) {
        add_result(&t, id, a2, a3, a4);
    }
    finish(&t);
}

/* One fast-path call, after it ran. */
void dlcall_trace_fast(unsigned int vcpu, uint64_t fn, uint64_t a, uint64_t b)
{
    struct text t = { .len = 0 };

    add(&t, "dlcall trace: vcpu %u fast path call", vcpu);
    add_fn(&t, fn);
    add(&t, " a=0x%llx b=0x%llx", (unsigned long long)a, (unsigned long long)b);
    finish(&t);
}
