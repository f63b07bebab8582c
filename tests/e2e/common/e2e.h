/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the e2e guest programs: output that survives a crash, failure
 * reporting, and the plugin check every program starts with.
 *
 * Include this first (it sets _GNU_SOURCE) after defining E2E_FEATURE.
 * Conventions the test harness relies on: the last line on success is
 * "PASS <feature>" with exit 0; a failure prints "FAIL <feature>: why" and
 * exits 1; without the plugin a program prints "SKIP no plugin" and exits
 * 77.
 */
#ifndef DLCALL_E2E_H
#define DLCALL_E2E_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dlcall/dlcall.h>

#include "../hostlib/dlcall_testlib.h"

#ifndef E2E_FEATURE
#error "define E2E_FEATURE before including e2e.h"
#endif

#define E2E_EXIT_SKIP 77

/*
 * Every line is flushed at once: several programs die by a signal on
 * purpose, and stdout is a pipe under the test harness.
 */
__attribute__((format(printf, 1, 2)))
static inline void e2e_say(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

__attribute__((format(printf, 1, 2), noreturn))
static inline void e2e_fail(const char *fmt, ...)
{
    va_list ap;

    printf("FAIL %s: ", E2E_FEATURE);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
    exit(1);
}

#define E2E_CHECK(cond)                                                     \
    do {                                                                    \
        if (!(cond)) {                                                      \
            e2e_fail("line %d: %s", __LINE__, #cond);                       \
        }                                                                   \
    } while (0)

static inline void e2e_pass(void)
{
    e2e_say("PASS %s", E2E_FEATURE);
}

static inline const char *e2e_str(const char *s)
{
    return s != NULL ? s : "(null)";
}

/*
 * Without the plugin the header's calls must fail cleanly: check that
 * here, so every SKIP also proves the fallback path.
 */
static inline void e2e_check_fallback(void)
{
    const char *msg;

    if (dlcall_dlopen("libc.so.6", DLCALL_RTLD_NOW) != NULL) {
        e2e_fail("no plugin, yet dlcall_dlopen returned a handle");
    }
    msg = dlcall_dlerror();
    if (msg == NULL || strcmp(msg, DLCALL_NO_PLUGIN_MESSAGE) != 0) {
        e2e_fail("no plugin, dlcall_dlerror() = '%s'", e2e_str(msg));
    }
    if (dlcall_dlerror() != NULL) {
        e2e_fail("no plugin, the second dlcall_dlerror() is not NULL");
    }
    if (dlcall_dlsym(NULL, "x") != NULL || dlcall_dlclose(NULL) != -1 ||
        dlcall_host_attribute(DLCALL_ATTR_EMU) != NULL ||
        dlcall_invoke(NULL, NULL, NULL) != -DLCALL_ENOSYS) {
        e2e_fail("no plugin, a dlcall call did not fail cleanly");
    }
    (void)dlcall_dlerror();
}

/* Exits with 77 when the plugin does not answer. */
static inline void e2e_require_plugin(void)
{
    int ret = dlcall_available();

    if (ret == 0) {
        return;
    }
    if (ret != -DLCALL_ENOSYS) {
        e2e_fail("dlcall_available() = %d, expected 0 or -ENOSYS", ret);
    }
    e2e_check_fallback();
    fprintf(stderr, "%s: %s\n", E2E_FEATURE, DLCALL_NO_PLUGIN_MESSAGE);
    e2e_say("SKIP no plugin");
    exit(E2E_EXIT_SKIP);
}

/* argv[1] is the path of the host test library on the host. */
static inline const char *e2e_lib_path(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s <host libdlcall_testlib.so> ...\n",
                argv[0]);
        exit(2);
    }
    return argv[1];
}

static inline void *e2e_dlopen(const char *path)
{
    void *handle = dlcall_dlopen(path, DLCALL_RTLD_NOW);

    if (handle == NULL) {
        e2e_fail("dlopen(%s): %s", path, e2e_str(dlcall_dlerror()));
    }
    return handle;
}

static inline dlcall_fn e2e_dlsym(void *handle, const char *name)
{
    void *sym = dlcall_dlsym(handle, name);

    if (sym == NULL) {
        e2e_fail("dlsym(%s): %s", name, e2e_str(dlcall_dlerror()));
    }
    return (dlcall_fn)sym;
}

/* dlcall_test_add through INVOKE_PROC; fails the program on a bad sysret. */
static inline int64_t e2e_add(dlcall_fn add, int64_t a, int64_t b)
{
    struct dlcall_test_add_args args = { .a = a, .b = b };
    int64_t sum = INT64_MIN + 12345;
    long ret = dlcall_invoke(add, &args, &sum);

    if (ret != 0) {
        e2e_fail("invoke(dlcall_test_add) sysret %ld", ret);
    }
    return sum;
}

/* Wrapping sum, as the host library computes it. */
static inline int64_t e2e_wrap_add(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a + (uint64_t)b);
}

#endif /* DLCALL_E2E_H */
