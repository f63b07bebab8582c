/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fz.h: the dlcall call fuzzer's engine, shared by the libFuzzer target
 * (filter_fuzzer.c, which drives libdlcall.so's filter through the QEMU
 * stand-in of tests/harness) and the guest programs that make the same
 * calls under the real QEMU (tests/fuzz/guest).
 *
 * One call at a time: an operation (every ID but INVOKE_PROC, plus IDs the
 * plugin must refuse), arguments drawn from classes of pointers (NULL,
 * small values, non-canonical and kernel addresses, PROT_NONE pages,
 * out pointers that run over the end of a page, read-only pages, valid
 * buffers, strings without a NUL before a PROT_NONE page or within
 * DLCALL_STRING_MAX, handles libdl never gave), the call, then
 * the oracle: the sysret the protocol (shared/spec/protocol.md) demands
 * for those classes, the out value, and no byte written outside it.
 *
 * The bytes that choose come from a fuzzer's input or from a seeded PRNG
 * (fz_src), so one engine serves both.
 */
#ifndef DLCALL_FZ_H
#define DLCALL_FZ_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where the choosing bytes come from: an input (data != NULL), else a PRNG. */
struct fz_src {
    const uint8_t *data;
    size_t size;
    size_t pos;
    uint64_t state; /* splitmix64 */
};

void fz_src_bytes(struct fz_src *s, const uint8_t *data, size_t size);
void fz_src_seed(struct fz_src *s, uint64_t seed);
/* False once an input is used up (a PRNG never is). */
bool fz_src_more(const struct fz_src *s);
uint8_t fz_u8(struct fz_src *s);
uint64_t fz_u64(struct fz_src *s);
/* A value below @n (n > 0). */
uint32_t fz_below(struct fz_src *s, uint32_t n);

/* Classes of pointer arguments; the oracle judges a call by them. */
enum fz_class {
    FZ_NULL,        /* 0 */
    FZ_SMALL,       /* 1 .. 0xffff: below mmap_min_addr, never mapped */
    FZ_NONCANON,    /* between the user and kernel halves */
    FZ_KERNEL,      /* the kernel half, incl. -1 and -errno values */
    FZ_GUARD,       /* inside a PROT_NONE page */
    FZ_STRADDLE,    /* out: the object runs over a page end into PROT_NONE */
    FZ_UNTERM,      /* string: no NUL before a PROT_NONE page */
    FZ_LONG,        /* string: no NUL within DLCALL_STRING_MAX bytes */
    FZ_RDONLY,      /* out: a read-only page */
    FZ_HOST,        /* string: host memory the guest never mapped (guest only) */
    FZ_NOTHANDLE,   /* handle: mapped memory that is no library handle */
    FZ_RTLD_NEXT,   /* handle: RTLD_NEXT */
    FZ_HANDLE,      /* handle: one dlopen gave */
    FZ_VALID,       /* out: writable buffer; string: NUL-terminated */
    FZ_CLASSES
};

/* The classes the pointer arguments of a call fell in: for the report. */
struct fz_args {
    uint64_t id;
    uint64_t a2, a3, a4;
    enum fz_class c2, c3, c4;
};

/*
 * What the engine needs from the side it runs on. Every field is set by
 * the caller before fz_pool_init.
 */
struct fz_env {
    /* The magic syscall: returns the sysret. */
    int64_t (*syscall)(uint64_t id, uint64_t a2, uint64_t a3, uint64_t a4);
    /* REGISTER_FAST_BLOCK is served (the plugin answers dlcall.fast_path). */
    bool fast_path;
    /* dlopen flag bits the fuzzer may set (RTLD_DEEPBIND breaks ASan). */
    uint32_t dlopen_flags;
    /* Host libraries that must load (NULL-terminated), and one exported
     * symbol of each, in the same order. */
    const char *const *libs;
    const char *const *lib_symbols;
    /* Draw unusable pointers too; false keeps to NULL and valid ones (a plugin without
     * pointer validation crashes on the others). */
    bool bad_pointers;
    /* A host string the guest never mapped, or 0 (FZ_HOST unused). The plugin checks the
     * host's mapping, so it may read it; as an out pointer it would be written (like a guest
     * store there would), so it is only drawn for strings. */
    uint64_t host_addr;
    /* Optional: called with each call before it is made (to name the one that crashes). */
    void (*trace)(const struct fz_args *call);
    /* Called with a one-line reason when the oracle fails; must not return. */
    void (*fail)(const struct fz_args *call, const char *why);
};

/* Per-class tallies, printed at the end. */
struct fz_stats {
    uint64_t calls;
    uint64_t by_op[7];     /* IDs 0-4, 6, and refused IDs */
    uint64_t by_ret[4];    /* 0, -EFAULT, -EINVAL, -ENAMETOOLONG */
    uint64_t by_class[FZ_CLASSES];
};

/* Maps the pages the classes point into and opens the libraries once. */
void fz_pool_init(const struct fz_env *env);
/* One call chosen by @s, checked; tallied in @st. */
void fz_call(struct fz_src *s, struct fz_stats *st);
/* Drops what the calls left behind (a registered fast block). */
void fz_finish(void);
const char *fz_class_name(enum fz_class c);
/* "id .. a2 .. (class) ..": a call for a failure report. */
void fz_describe(const struct fz_args *a, char *buf, size_t size);
/* The tallies, three lines each starting with @prefix. */
void fz_stats_print(const struct fz_stats *st, const char *prefix);

#endif /* DLCALL_FZ_H */
