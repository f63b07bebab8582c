/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fz_run.c: setting the engine up and down, and what it prints: a failed
 * call's arguments with their classes, and the tallies of a run.
 */
#include "fz_pool.h"

#include <inttypes.h>
#include <stdio.h>

#include <dlcall/protocol.h>

void fz_pool_init(const struct fz_env *env)
{
    fz_pool_map(env);
    fz_calls_init();
    /* One reference each, never dropped: these handles stay valid throughout. */
    for (int i = 0; i < fz.lib_count; i++) {
        uint64_t h = 0;
        int64_t ret = env->syscall(DLCALL_ID_LOAD_LIBRARY, (uint64_t)(uintptr_t)env->libs[i],
                                   2 /* RTLD_NOW */, (uint64_t)(uintptr_t)&h);

        if (ret != 0 || h == 0) {
            env->fail(NULL, "a library of the environment does not load");
        }
        fz.lib_handles[i] = h;
    }
}

void fz_finish(void)
{
    if (fz.fast_registered &&
        fz.env->syscall(DLCALL_ID_REGISTER_FAST_BLOCK, 0, 0, 0) != 0) {
        fz.env->fail(NULL, "dropping the fast block failed");
    }
    fz.fast_registered = false;
}

void fz_describe(const struct fz_args *a, char *buf, size_t size)
{
    if (a == NULL) {
        snprintf(buf, size, "(setup)");
        return;
    }
    snprintf(buf, size,
             "id %#" PRIx64 " a2 %#" PRIx64 " (%s) a3 %#" PRIx64 " (%s) a4 %#" PRIx64 " (%s)",
             a->id, a->a2, fz_class_name(a->c2), a->a3, fz_class_name(a->c3), a->a4,
             fz_class_name(a->c4));
}

void fz_stats_print(const struct fz_stats *st, const char *prefix)
{
    static const char *const ops[] = {
        "attr", "dlopen", "dlsym", "dlclose", "dlerror", "fast_block", "refused_id",
    };

    printf("%scalls %" PRIu64 " ok %" PRIu64 " efault %" PRIu64 " einval %" PRIu64
           " enametoolong %" PRIu64 "\n",
           prefix, st->calls, st->by_ret[0], st->by_ret[1], st->by_ret[2], st->by_ret[3]);
    printf("%sops", prefix);
    for (int i = 0; i < 7; i++) {
        printf(" %s=%" PRIu64, ops[i], st->by_op[i]);
    }
    printf("\n%spointers", prefix);
    for (int c = 0; c < FZ_CLASSES; c++) {
        printf(" %s=%" PRIu64, fz_class_name((enum fz_class)c), st->by_class[c]);
    }
    printf("\n");
    fflush(stdout);
}
