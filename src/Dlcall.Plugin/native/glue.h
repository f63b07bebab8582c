/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the C glue files share: the host-call marker, the "slow" flags
 * that divert the hot paths, and the host call itself.
 */
#ifndef DLCALL_GLUE_H
#define DLCALL_GLUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

/*
 * The host function this thread is running for the guest (INVOKE_PROC or
 * the fast path), NULL outside one: the fault handler (host_call.c) blames
 * host code only while it is set. Initial-exec TLS: one %fs store.
 */
extern __thread uint64_t dlcall_host_fn __attribute__((tls_model("initial-exec")));

/*
 * Anything that makes a call take the slow path: the hot paths test this
 * one word, a single predictable branch while it is 0.
 */
#define DLCALL_SLOW_SETUP 1u  /* first call: install the fault handler */
#define DLCALL_SLOW_REFUSE 2u /* guest_base != 0: refuse every call */
#define DLCALL_SLOW_STATS 4u  /* stats=on */
#define DLCALL_SLOW_TRACE 8u  /* trace=on */
extern unsigned int dlcall_slow;

/* Calls @fn(@a, @b) with the marker set. */
static inline void dlcall_call_host(uint64_t fn, uint64_t a, uint64_t b)
{
    dlcall_host_fn = fn;
    ((void (*)(void *, void *))(uintptr_t)fn)((void *)(uintptr_t)a,
                                              (void *)(uintptr_t)b);
    dlcall_host_fn = 0;
}

/* The managed dispatcher (SyscallFilter.Dispatch): every ID but INVOKE_PROC. */
typedef int64_t (*dlcall_dispatch_fn)(unsigned int vcpu_index, uint64_t id,
                                      uint64_t a2, uint64_t a3, uint64_t a4);

/* ExecFollow.Handle: execve (at = 0) or execveat (at = 1) with the guest's
 * arguments; non-zero when it handled the call (*sysret set). */
typedef int (*dlcall_exec_fn)(int at, uint64_t a1, uint64_t a2, uint64_t a3,
                              uint64_t a4, uint64_t a5, int64_t *sysret);

/* plugin_glue.c: one call, without the dlcall_slow test. */
int64_t dlcall_serve_plain(unsigned int vcpu_index, uint64_t a1, uint64_t a2,
                           uint64_t a3, uint64_t a4);

/* slow_path.c: one call when dlcall_slow is non-zero. */
int64_t dlcall_serve_slow(unsigned int vcpu_index, uint64_t a1, uint64_t a2,
                          uint64_t a3, uint64_t a4);

/* slow_path.c: the guest_base QEMU chose (fast_path.c finds it). */
void dlcall_note_guest_base(uint64_t guest_base);
/* slow_path.c: true once it is known, with the value in *out. */
bool dlcall_guest_base(uint64_t *out);

/* slow_path.c: stats=/trace= and where their lines go (qemu_plugin_outs,
 * or stderr without it). */
void dlcall_observe_configure(bool stats, bool trace, void (*outs)(const char *));
void dlcall_log(const char *line);
/* The fast path's call when dlcall_slow is non-zero; returns its status. */
int64_t dlcall_fast_call_slow(unsigned int vcpu_index, uint64_t fn, uint64_t a,
                              uint64_t b);

/* stats.c: kinds are the protocol IDs, then these. */
#define DLCALL_STATS_FAST 7
#define DLCALL_STATS_KINDS 9
uint64_t dlcall_now_ns(void);
void dlcall_stats_record(unsigned int kind, uint64_t fn, uint64_t ns);
void dlcall_stats_report(void);
void dlcall_stats_report_image(void);
bool dlcall_stats_file(const char *path);
void dlcall_stats_program(const char *name);

/* trace.c */
void dlcall_trace_call(unsigned int vcpu, uint64_t id, uint64_t a2, uint64_t a3,
                       uint64_t a4, int64_t sysret);
void dlcall_trace_fast(unsigned int vcpu, uint64_t fn, uint64_t a, uint64_t b);

/* host_call.c */
void dlcall_crash_setup(void);

/* guest_mem.c */
int64_t dlcall_copy_string(uint64_t guest, char *buf, size_t cap);
int64_t dlcall_put_guest(uint64_t guest, uint64_t value, size_t len);
bool dlcall_guest_rw(uint64_t guest, size_t len);
bool dlcall_read_guest(uint64_t guest, void *dst, size_t len);
bool dlcall_is_handle(uint64_t handle);

#pragma GCC visibility pop

#endif /* DLCALL_GLUE_H */
