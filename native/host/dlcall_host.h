/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libdlcall_host.so: the HOST runtime for guest callbacks.
 *
 * Host code cannot run guest code. So a host call that may call a guest
 * function pointer goes through dlcall_rt_call(): the runtime runs the
 * call's thunk on a coroutine of the calling (vCPU) thread, and a guest
 * callback suspends the coroutine and returns to the guest with a request
 * in its struct dlcall_frame (<dlcall/thunk.h>, whose
 * dlcall_call_host() is the guest half of the protocol).
 *
 * Thunks (generated per host function) see guest function pointers as
 * 64-bit guest addresses and hand the host library a trampoline instead:
 *
 *     void *p = dlcall_rt_trampoline(guest_fn, guest_invoker,
 *                                    (void *)entry_int_pp, "qsort cmp");
 *
 * where entry_int_pp is the host function with the callback's real C
 * signature, one per signature:
 *
 *     static int entry_int_pp(const void *a, const void *b)
 *     {
 *         const struct dlcall_cb_target *t = dlcall_rt_current_target();
 *         uint64_t argv[2] = { (uintptr_t)a, (uintptr_t)b };
 *
 *         return (int)dlcall_rt_callback(t, argv, 2);
 *     }
 *
 * Only x86_64 hosts. Self-contained: host thunks need no other dlcall
 * header.
 */
#ifndef DLCALL_HOST_H
#define DLCALL_HOST_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#define DLCALL_HOST_API __attribute__((visibility("default")))

/*
 * INVOKE_PROC entries. dlcall_rt_call runs frame->thunk(frame->args,
 * frame->ret) on a coroutine of this thread; dlcall_rt_resume continues the
 * frame's coroutine after the guest ran a callback (frame->cb_ret holds
 * its result). Both return when the thunk is done (frame->state DONE) or
 * wants a guest callback (frame->state CALLBACK).
 */
DLCALL_HOST_API void dlcall_rt_call(void *frame, void *unused);
DLCALL_HOST_API void dlcall_rt_resume(void *frame, void *unused);

/* One trampoline's binding. */
struct dlcall_cb_target {
    uint64_t guest_fn;      /* the guest function */
    uint64_t guest_invoker; /* the guest invoker for its signature */
    void *host_entry;       /* host function with the callback's C signature */
    const char *what;       /* for messages: "zlib: z_stream.zalloc" */
};

/*
 * A host function pointer that, when host code calls it, jumps to
 * @host_entry with every argument register (integer and SSE) and the stack
 * intact, after making its binding available through
 * dlcall_rt_current_target(). Only r11 is clobbered on the way. The same
 * (@guest_fn, @guest_invoker, @host_entry) gives the same trampoline;
 * a @guest_fn within a page of 0 (NULL, or a marker such as
 * SQLITE_TRANSIENT, (T)-1) is returned unchanged. Thread-safe. Never freed.
 */
DLCALL_HOST_API void *dlcall_rt_trampoline(uint64_t guest_fn,
                                           uint64_t guest_invoker,
                                           void *host_entry,
                                           const char *what);

/*
 * The guest function of trampoline @p, or (uint64_t)@p when @p is not a
 * trampoline: lets a thunk restore the guest's view of a struct.
 */
DLCALL_HOST_API uint64_t dlcall_rt_guest_fn(const void *p);

/*
 * In a host entry, before anything that could call another trampoline:
 * the binding of the trampoline that was called on this thread.
 */
DLCALL_HOST_API const struct dlcall_cb_target *dlcall_rt_current_target(void);

/*
 * Runs @t's guest function with @argv[0..@argc) (@argc <= DLCALL_CB_MAX_ARGS, each value
 * widened to 64 bits, doubles as their bits) on the guest thread whose
 * dlcall call is running here, and returns the result's bits. Called on a
 * thread with no dlcall call in progress (a thread the host library
 * created itself), it prints why on stderr and aborts the process.
 */
DLCALL_HOST_API uint64_t dlcall_rt_callback(const struct dlcall_cb_target *t,
                                            const uint64_t *argv, int argc);

/*
 * For the plugin's stats=on, right after dlcall_rt_call or dlcall_rt_resume
 * returned on this thread: the label (struct dlcall_cb_target's what, "zlib:
 * inflateBack(in)") of the guest callback @frame now waits for, or NULL
 * when its thunk is done. The plugin finds it with dlsym, by this name.
 */
DLCALL_HOST_API const char *dlcall_rt_callback_what(const void *frame);

/*
 * Raise points (native/host/raise.c, docs/Longjmp.md). A thunk of a
 * library that reports errors by longjmp opens one around the real call:
 *
 *     struct dlcall_raise_point rp;
 *     dlcall_rt_raise_push(&rp);
 *     if (_setjmp(rp.jb) == 0) {
 *         ... the real call ...
 *     }
 *     dlcall_rt_raise_pop(&rp);
 *     if (rp.raised) ... tell the guest stub (value, arg) ...
 *
 * and the library's error handler, replaced on the host, calls
 * dlcall_rt_raise(value, arg), which never returns: it jumps back to the
 * innermost raise point of this thread. Without one it prints why and
 * aborts the process.
 */
struct dlcall_raise_point {
    jmp_buf jb;
    struct dlcall_raise_point *prev;
    int raised;
    int value;
    uint64_t arg;
};

DLCALL_HOST_API void dlcall_rt_raise_push(struct dlcall_raise_point *rp);
DLCALL_HOST_API void dlcall_rt_raise_pop(struct dlcall_raise_point *rp);
DLCALL_HOST_API __attribute__((noreturn)) void dlcall_rt_raise(int value,
                                                               uint64_t arg);

/*
 * The guest-mapped heap (native/host/guest_heap.c). Memory a host library
 * hands to the program must be memory QEMU knows: plain guest loads reach
 * host malloc'd pages, but a guest syscall on them (read(2) into an
 * OPENSSL_malloc'd buffer, write(2) of what xmlDocDumpMemory made) fails
 * with EFAULT, and aarch64 glibc's SVE string functions fault. So such a
 * library allocates from regions its guest stub mmap'd and handed over
 * (dlcall_rt_heap_add), installed as its allocator (SQLITE_CONFIG_MALLOC,
 * CRYPTO_set_mem_functions, xmlGcMemSetup) before the program can call it.
 * One heap for every library: power-of-two size classes with a free list
 * each, bump allocation from the regions. alloc returns NULL when full
 * (the library reports out of memory); free takes NULL and ignores what the
 * heap did not allocate; realloc keeps a block that is big enough, never
 * frees for size 0, and stops the process for a foreign block.
 */
DLCALL_HOST_API void dlcall_rt_heap_add(uint64_t base, uint64_t size);
DLCALL_HOST_API void *dlcall_rt_heap_alloc(size_t n);
DLCALL_HOST_API void dlcall_rt_heap_free(void *p);
DLCALL_HOST_API void *dlcall_rt_heap_realloc(void *p, size_t n);
DLCALL_HOST_API size_t dlcall_rt_heap_usable(const void *p);
/* What an allocation of @n bytes can hold (SQLite's xRoundup); @n when too big. */
DLCALL_HOST_API size_t dlcall_rt_heap_roundup(size_t n);

/*
 * The heap as allocator callbacks taking the library's context first and
 * ignoring it: libpng's png_malloc_ptr/png_free_ptr (png_struct, ...),
 * libjpeg's jpeg_get_small/jpeg_free_small (cinfo, ..., size). Spec
 * guestHeap.gotSlots and guestHeap.defaultAllocators name them.
 */
DLCALL_HOST_API void *dlcall_rt_heap_ctx_alloc(void *ctx, size_t n);
DLCALL_HOST_API void dlcall_rt_heap_ctx_free(void *ctx, void *p);
DLCALL_HOST_API void dlcall_rt_heap_ctx_free_sized(void *ctx, void *p, size_t n);

/*
 * Points the PLT GOT slots (DT_JMPREL) of the loaded object whose path
 * contains "/@soname" at other functions: slot of import @names[i] gets
 * @to[i], for @n names (spec guestHeap.gotSlots: a library's own allocator,
 * jpeg_get_small..., redirected to the guest-mapped heap without touching
 * the rest of the process). RELRO pages are made writable for the store and
 * read-only again. Returns the number of slots patched (a name may be
 * imported once at most), -1 when the object is not loaded or has no PLT.
 */
DLCALL_HOST_API int dlcall_rt_patch_got(const char *soname, const char *const *names, void *const *to, int n);

/*
 * A set of pointers (native/host/map.c) for spec trackedObjects: the host
 * notes objects a library does not tell apart (libpng's write structs) as
 * they are made and forgets them as they are destroyed. Zero-initialised
 * static storage is an empty set; thread-safe (one lock for every set: they
 * are small and their calls rare). NULL is never a member. add stops the
 * process when out of memory.
 */
struct dlcall_rt_map {
    const void **keys;
    size_t n, cap;
};

DLCALL_HOST_API void dlcall_rt_map_add(struct dlcall_rt_map *m, const void *key);
DLCALL_HOST_API void dlcall_rt_map_remove(struct dlcall_rt_map *m, const void *key);
DLCALL_HOST_API int dlcall_rt_map_has(struct dlcall_rt_map *m, const void *key);

#endif /* DLCALL_HOST_H */
