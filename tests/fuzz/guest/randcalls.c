/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * randcalls: a million random dlcalls from an emulated guest, under the
 * real QEMU with the plugin (tests/fuzz/engine: every ID but INVOKE_PROC,
 * refused IDs, pointers NULL / small / non-canonical / kernel /
 * PROT_NONE / running over a page end / read-only / host memory / valid,
 * strings without a NUL). QEMU must not crash and every answer must be
 * the one the protocol gives for those arguments.
 *
 * Usage: randcalls <host libdlcall_testlib.so> [seed] [calls] [--safe-pointers]
 * The seed is printed first, so a failure reproduces with it.
 * --safe-pointers draws only NULL and valid pointers (the oracle alone).
 * DLCALL_FUZZ_TRACE=1 prints each call before it is made.
 */
#define E2E_FEATURE "randcalls"
#include "../../e2e/common/e2e.h"

#include <inttypes.h>

#include "../engine/fz.h"

#define DEFAULT_SEED 20261129
#define DEFAULT_CALLS 1000000

static const char *libs[] = { "libm.so.6", "libz.so.1", "libc.so.6", NULL, NULL };
static const char *const lib_symbols[] = { "cos", "zlibVersion", "malloc", "dlcall_test_add", NULL };

__attribute__((noreturn))
static void fail(const struct fz_args *call, const char *why)
{
    char what[256];

    fz_describe(call, what, sizeof(what));
    e2e_fail("%s: %s", what, why);
}

static void trace(const struct fz_args *call)
{
    char what[256];

    fz_describe(call, what, sizeof(what));
    e2e_say("call %s", what);
}

static int64_t magic(uint64_t id, uint64_t a2, uint64_t a3, uint64_t a4)
{
    return dlcall_syscall((long)id, (long)a2, (long)a3, (long)a4);
}

/* Host memory: the "emu" attribute's value lives in the plugin's heap, never in the guest's map. */
static uint64_t host_address(void)
{
    const char *value = NULL;

    E2E_CHECK(dlcall_syscall(DLCALL_ID_GET_HOST_ATTRIBUTE, (long)DLCALL_ATTR_EMU,
                             (long)&value, 0) == 0 && value != NULL);
    return (uint64_t)(uintptr_t)value;
}

static uint64_t number(const char *s)
{
    char *end;
    uint64_t v = strtoull(s, &end, 0);

    if (*s == '\0' || *end != '\0') {
        fprintf(stderr, "randcalls: '%s' is not a number\n", s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    struct fz_env env = {
        .syscall = magic,
        .dlopen_flags = DLCALL_RTLD_NOLOAD | DLCALL_RTLD_GLOBAL | DLCALL_RTLD_NODELETE |
                        0x8 /* RTLD_DEEPBIND */,
        .libs = libs,
        .lib_symbols = lib_symbols,
        .bad_pointers = true,
        .fail = fail,
    };
    uint64_t seed = DEFAULT_SEED, calls = DEFAULT_CALLS;
    struct fz_stats stats = { 0 };
    struct fz_src src;
    int pos = 0;

    libs[3] = e2e_lib_path(argc, argv);
    e2e_require_plugin();
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--safe-pointers") == 0) {
            env.bad_pointers = false;
        } else if (pos++ == 0) {
            seed = number(argv[i]);
        } else {
            calls = number(argv[i]);
        }
    }
    if (getenv("DLCALL_FUZZ_TRACE") != NULL) {
        env.trace = trace;
    }
    env.fast_path = dlcall_host_attribute(DLCALL_ATTR_FAST_PATH) != NULL;
    env.host_addr = host_address();
    e2e_say("seed %" PRIu64 " calls %" PRIu64 " pointers %s fast_path %d", seed, calls,
            env.bad_pointers ? "all" : "safe", env.fast_path);
    fz_pool_init(&env);
    fz_src_seed(&src, seed);
    for (uint64_t i = 0; i < calls; i++) {
        fz_call(&src, &stats);
    }
    fz_finish();
    /* The plugin still answers as at the start: nothing it holds was overwritten. */
    E2E_CHECK(strcmp(e2e_str(dlcall_host_attribute(DLCALL_ATTR_EMU)), DLCALL_ATTR_EMU_VALUE) == 0);
    fz_stats_print(&stats, "randcalls: ");
    e2e_pass();
    return 0;
}
