/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fz_pool.h: the engine's own state (fz_pool.c maps the pages, fz_calls.c
 * makes the calls); not for the programs that use the engine.
 */
#ifndef DLCALL_FZ_POOL_H
#define DLCALL_FZ_POOL_H

#include "fz.h"

#define FZ_MAX_LIBS 8
#define FZ_MAX_OPENED 16
/* Longest known string, and longest random one. */
#define FZ_STR_MAX 256
#define FZ_RANDOM_STR_MAX 64
/* Out windows: one per argument; objects land in the middle, the slack shows stray writes. */
#define FZ_WINDOWS 3
#define FZ_WIN_STRIDE 128
#define FZ_WIN_SLACK 16
#define FZ_WIN_FILL 0xa5

/* A library handle the fuzzed calls opened, and how many references they hold. */
struct fz_opened {
    uint64_t handle;
    uint32_t refs;
};

struct fz_pool {
    const struct fz_env *env;
    size_t page;
    uint8_t *base;
    uint64_t rdonly_strings[FZ_MAX_LIBS + 1];
    int rdonly_count;
    /* env->libs opened once at init and never closed, so their handles stay valid. */
    uint64_t lib_handles[FZ_MAX_LIBS];
    int lib_count;
    struct fz_opened opened[FZ_MAX_OPENED];
    bool fast_registered;
};

extern struct fz_pool fz;

void fz_pool_map(const struct fz_env *env);
uint8_t *fz_window(int w);
void fz_windows_reset(void);
long fz_window_dirty(int w, size_t from, size_t to);
/* A library handle argument: NULL, RTLD_NEXT, real ones, and values that are none. */
uint64_t fz_pick_handle(struct fz_src *s, enum fz_class *cls, int *lib, int *opened);
/* An out pointer for a @size-byte object in window @w; *off is its offset there (FZ_VALID). */
uint64_t fz_pick_out(struct fz_src *s, int w, size_t size, enum fz_class *cls, size_t *off);
/* Fills the known-string lists from fz.env (fz_calls.c). */
void fz_calls_init(void);
/* A string argument: one of @known (NULL-terminated list) or random bytes when valid. */
uint64_t fz_pick_str(struct fz_src *s, const char *const *known, bool path, enum fz_class *cls);

#endif /* DLCALL_FZ_POOL_H */
