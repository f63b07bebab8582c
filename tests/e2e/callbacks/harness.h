/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The callbacks program's plumbing: the host runtime, the thunks of
 * libcbtest.so and one checked host call. Include after e2e.h.
 */
#ifndef CALLBACKS_HARNESS_H
#define CALLBACKS_HARNESS_H

#include <time.h>

#include <dlcall/thunk.h>

static struct dlcall_host_runtime rt;

static struct {
    dlcall_fn sort, sum_with, mix, nested, stream_run, repeat;
    dlcall_fn fp_control, fp_leak, mxcsr, spawn, noop, trampolines;
} thunk;

/* One host call through the runtime; the thunk must be done after it. */
static void call_host(dlcall_fn fn, void *args, void *ret)
{
    struct dlcall_frame f = {
        .thunk = (uintptr_t)fn,
        .args = (uintptr_t)args,
        .ret = (uintptr_t)ret,
    };
    long r = dlcall_call_host(&rt, &f);

    if (r != 0 || f.state != DLCALL_FRAME_DONE) {
        e2e_fail("dlcall_call_host: sysret %ld, state %u", r,
                 (unsigned)f.state);
    }
}

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/*
 * libdlcall_host.so from the directory of libcbtest.so (@path), then the
 * thunks. libcbtest.so links to the same file, which the host's dynamic
 * loader loads once.
 */
static void load(const char *path)
{
    const char *slash = strrchr(path, '/');
    char rt_path[4096];
    void *lib;

    snprintf(rt_path, sizeof(rt_path), "%.*s/libdlcall_host.so",
             slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (dlcall_host_runtime_load(&rt, rt_path) != 0) {
        e2e_fail("load %s: %s", rt_path, e2e_str(dlcall_dlerror()));
    }
    lib = e2e_dlopen(path);
#define LOOKUP(name) (thunk.name = e2e_dlsym(lib, "cbtest_thunk_" #name))
    LOOKUP(sort), LOOKUP(sum_with), LOOKUP(mix), LOOKUP(nested);
    LOOKUP(stream_run), LOOKUP(repeat), LOOKUP(fp_control);
    LOOKUP(fp_leak), LOOKUP(mxcsr), LOOKUP(noop), LOOKUP(trampolines);
    thunk.spawn = e2e_dlsym(lib, "cbtest_thunk_spawn_thread_and_call");
#undef LOOKUP
}

#endif /* CALLBACKS_HARNESS_H */
