/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dlcall guest runtime: a thread's state and where it lives. Included by
 * <dlcall/dlcall.h>; not meant to be included on its own.
 *
 * Two places, one layout:
 * - by default (a program including the header, static builds) each
 *   translation unit has its own state, an initial-exec TLS variable;
 * - with DLCALL_SHARED_STATE (the generated stubs: Compiler.cs) the one
 *   state of the thread lives in the shared guest runtime,
 *   libdlcall_guest.so (native/guest/dlcall_guest.c), which every stub
 *   names in DT_NEEDED. Initial-exec TLS in a library takes glibc's static
 *   TLS, whose surplus for libraries loaded by dlopen() is a few hundred
 *   bytes: only the runtime takes any, once per process (it is never
 *   unloaded), and only this struct. A stub reaches it as before (a TP
 *   offset loaded from the GOT), and every stub shares one fast block per
 *   thread, so calls alternating between stubs register nothing.
 * The big per-thread copy buffers (dlcall_dlerror's, dlcall_host_attribute's)
 * are TLS arrays by default and per-thread heap blocks of the runtime in
 * shared mode: a stub defines no TLS at all.
 */
#ifndef DLCALL_THREAD_H
#define DLCALL_THREAD_H

#include <stddef.h>
#include <stdint.h>

/*
 * The fast path (docs/Protocol.md, "The fast path"). Each thread registers
 * one block with REGISTER_FAST_BLOCK; a call fills it, presets status to
 * DLCALL_FAST_PENDING and runs the ISA's magic instruction, during which
 * the plugin makes the call and sets status. The layout is ABI: four
 * 64-bit words.
 */
struct dlcall_fast_block {
    uint64_t fn;
    uint64_t a;
    uint64_t b;
    int64_t status;
};

/* A thread's state: the fast block, whether it is registered, the pending error. */
struct dlcall__thread_state {
    struct dlcall_fast_block block;
    int registered;      /* 1 registered, 0 not yet, -1 refused */
    const char *pending; /* the error dlcall_dlerror() reports next, or NULL */
};

/* Longest host attribute value kept; longer ones are truncated. */
#ifndef DLCALL_ATTRIBUTE_MAX
#define DLCALL_ATTRIBUTE_MAX 256
#endif

/* Longest dlerror text kept (a path and a reason); longer is truncated. */
#ifndef DLCALL_ERROR_MAX
#define DLCALL_ERROR_MAX 4352
#endif

/*
 * The per-thread copy buffers dlcall__thread_buffer() hands out. ACCESSOR holds
 * the per-thread variable a stub's accessor function returns the address of
 * (libxml2's __xmlStructuredError): a stub may not define TLS of its own.
 */
enum { DLCALL__BUFFER_ATTRIBUTE, DLCALL__BUFFER_ERROR, DLCALL__BUFFER_ACCESSOR, DLCALL__BUFFER_COUNT };

/* Size of the ACCESSOR buffer: every caller asks for this size, so the block never moves. */
#define DLCALL_ACCESSOR_MAX 64

#ifdef DLCALL_SHARED_STATE

/*
 * initial-exec, as in the per-TU state below: the default model reaches
 * the variable through a TLS descriptor call, an indirect call and return
 * that QEMU resolves with a hash lookup each.
 */
extern _Thread_local struct dlcall__thread_state dlcall__shared_state
    __attribute__((tls_model("initial-exec")));

/* libdlcall_guest.so: this thread's buffer @which of at least @size bytes, or NULL. */
char *dlcall__shared_buffer(int which, size_t size);

static inline struct dlcall__thread_state *dlcall__thread(void)
{
    return &dlcall__shared_state;
}

static inline char *dlcall__thread_buffer(int which, size_t size)
{
    return dlcall__shared_buffer(which, size);
}

#else

/*
 * initial-exec: in a shared library the default TLS model reaches the
 * variable through a TLS descriptor call, two indirect branches that QEMU
 * resolves with a hash lookup each, several times the cost of the host
 * call itself. (A library that includes this header takes its whole TLS
 * from glibc's static TLS: define DLCALL_SHARED_STATE and link
 * libdlcall_guest.so instead, as the stubs do.)
 */
static inline struct dlcall__thread_state *dlcall__thread(void)
{
    static _Thread_local struct dlcall__thread_state state
        __attribute__((tls_model("initial-exec")));

    return &state;
}

static inline char *dlcall__thread_buffer(int which, size_t size)
{
    static _Thread_local char attribute[DLCALL_ATTRIBUTE_MAX];
    static _Thread_local char error[DLCALL_ERROR_MAX];
    static _Thread_local _Alignas(16) char accessor[DLCALL_ACCESSOR_MAX];

    (void)size; /* the callers ask for these sizes */
    return which == DLCALL__BUFFER_ATTRIBUTE ? attribute : which == DLCALL__BUFFER_ERROR ? error : accessor;
}

#endif /* DLCALL_SHARED_STATE */

#endif /* DLCALL_THREAD_H */
