/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dlcall guest side of host calls that may call back into the guest.
 *
 * A host library that calls a guest function pointer (zlib's zalloc, a
 * qsort comparator...) cannot run guest code itself. The host runtime
 * (libdlcall_host.so, native/host) runs such a call on a coroutine; when
 * the host calls a guest callback, the coroutine is suspended and the
 * INVOKE_PROC returns with the callback's request in the frame below. The
 * guest runs the callback and resumes the coroutine with a second
 * INVOKE_PROC, until the host call is done:
 *
 *     struct dlcall_host_runtime rt;
 *     struct dlcall_frame f = { .thunk = (uintptr_t)host_thunk,
 *                               .args = (uintptr_t)&args,
 *                               .ret = (uintptr_t)&ret };
 *
 *     if (dlcall_host_runtime_load(&rt, "/host/path/libdlcall_host.so"))
 *         ... dlcall_dlerror() says why ...
 *     dlcall_call_host(&rt, &f);
 *
 * The frame must stay in place until dlcall_call_host() returns (it lives
 * on the caller's stack): the host runtime keeps its address. Callbacks
 * run on the calling guest thread, and may themselves call the host again
 * (nested calls are LIFO); a callback must return normally, not longjmp
 * out of the host call it serves.
 *
 * Also included by host code for struct dlcall_frame, so everything here
 * has the same layout on every ISA (fixed-width fields only).
 */
#ifndef DLCALL_THUNK_H
#define DLCALL_THUNK_H

#include <stdint.h>

#include "dlcall.h"

/* Expat's XML_EntityDeclHandler has 9 parameters; 10 keeps the frame a
 * multiple of 16 bytes. */
#define DLCALL_CB_MAX_ARGS 10

enum { DLCALL_FRAME_DONE = 0, DLCALL_FRAME_CALLBACK = 1 };

/* One host call in progress; lives in guest memory (the caller's stack). */
struct dlcall_frame {
    uint64_t thunk;      /* host: void thunk(void *args, void *ret) */
    uint64_t args;       /* argument block (guest memory) */
    uint64_t ret;        /* return slot (guest memory) */
    uint64_t host_ctx;   /* host runtime's private: the call's coroutine */
    uint32_t state;      /* DLCALL_FRAME_DONE or DLCALL_FRAME_CALLBACK */
    int32_t reserved;
    uint64_t cb_fn;      /* guest function to call (state CALLBACK) */
    uint64_t cb_invoker; /* guest: dlcall_cb_invoker for cb_fn's signature */
    /* Callback arguments, each widened to 64 bits (doubles as bits). */
    uint64_t cb_argv[DLCALL_CB_MAX_ARGS];
    uint64_t cb_ret;     /* the guest writes the callback's result (bits) */
};

/* The host runtime reads and writes these offsets on every ISA. */
_Static_assert(sizeof(struct dlcall_frame) == 144, "dlcall_frame layout");
_Static_assert(offsetof(struct dlcall_frame, state) == 32,
               "dlcall_frame layout");
_Static_assert(offsetof(struct dlcall_frame, cb_argv) == 56,
               "dlcall_frame layout");

/*
 * Guest: calls @fn, whose signature this invoker knows, with @argv
 * narrowed back to the real parameter types, and stores the result's bits
 * (widened to 64 bits) in *@ret.
 */
typedef void (*dlcall_cb_invoker)(uint64_t fn, const uint64_t *argv,
                                  uint64_t *ret);

/* Host addresses of dlcall_rt_call and dlcall_rt_resume. */
struct dlcall_host_runtime {
    dlcall_fn call;
    dlcall_fn resume;
};

/*
 * Loads the host runtime library @path (RTLD_NOW | RTLD_GLOBAL, never
 * closed) and resolves both entries. 0, or -1 with dlcall_dlerror() set.
 */
static inline int dlcall_host_runtime_load(struct dlcall_host_runtime *rt,
                                           const char *path)
{
    void *lib = dlcall_dlopen(path, DLCALL_RTLD_NOW | DLCALL_RTLD_GLOBAL);

    rt->call = NULL;
    rt->resume = NULL;
    if (lib == NULL) {
        return -1;
    }
    /* Through uintptr_t: ISO C has no object-to-function pointer cast. */
    rt->call = (dlcall_fn)(uintptr_t)dlcall_dlsym(lib, "dlcall_rt_call");
    if (rt->call == NULL) {
        return -1;
    }
    rt->resume = (dlcall_fn)(uintptr_t)dlcall_dlsym(lib, "dlcall_rt_resume");
    return rt->resume != NULL ? 0 : -1;
}

/*
 * Runs f->thunk(f->args, f->ret) on the host, running the guest callbacks
 * it asks for on this thread until it is done. Returns the last sysret: 0
 * once the thunk has returned, -ENOSYS without the plugin.
 */
static inline long dlcall_call_host(const struct dlcall_host_runtime *rt,
                                    struct dlcall_frame *f)
{
    long r = dlcall_invoke(rt->call, f, NULL);

    while (r == 0 && f->state == DLCALL_FRAME_CALLBACK) {
        dlcall_cb_invoker invoker = (dlcall_cb_invoker)(uintptr_t)
                                    f->cb_invoker;

        invoker(f->cb_fn, f->cb_argv, &f->cb_ret);
        r = dlcall_invoke(rt->resume, f, NULL);
    }
    return r;
}

#endif /* DLCALL_THUNK_H */
