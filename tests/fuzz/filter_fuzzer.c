/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * filter_fuzzer: a libFuzzer target over libdlcall.so's syscall filter.
 *
 * It plays QEMU with tests/harness/qemu_api.c (the plugin API stand-ins
 * and call_filter/dlcall), loads and installs the plugin once, and turns
 * each input into a sequence of dlcalls through the engine (engine/fz.h):
 * IDs 0-4, 6 and refused ones, pointer arguments from every class, each
 * call judged by the protocol. A wrong answer aborts, so libFuzzer keeps
 * the input as a reproducer; so does a crash in the plugin.
 *
 * Built by tests/fuzz/build.sh with clang -fsanitize=fuzzer,address (the
 * plugin's NativeAOT code is not instrumented, but its crashes are still
 * caught). The plugin is $DLCALL_PLUGIN, else ../plugin/libdlcall.so next
 * to this program (artifacts/fuzz -> artifacts/plugin).
 */
#include "harness.h"
#include "engine/fz.h"

#include <dlfcn.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A longer input is cut: each call costs, and libFuzzer favours short inputs anyway. */
#define MAX_CALLS_PER_INPUT 64

/* qemu_api.c's dlcall() reads the expected syscall number from here. */
struct options opt = { .api = 7, .expect_num = 4096 };

static const char *const libs[] = { "libm.so.6", "libz.so.1", "libc.so.6", NULL };
static const char *const lib_symbols[] = { "cos", "zlibVersion", "malloc", NULL };

static struct fz_stats stats;
static uint64_t inputs;

static void print_stats(void)
{
    printf("filter_fuzzer: inputs %" PRIu64 "\n", inputs);
    fz_stats_print(&stats, "filter_fuzzer: ");
}

__attribute__((noreturn))
static void fail(const struct fz_args *call, const char *why)
{
    char what[256];

    fz_describe(call, what, sizeof(what));
    fprintf(stderr, "filter_fuzzer: FAIL %s: %s\n", what, why);
    abort();
}

/* DLCALL_FUZZ_TRACE=1: each call on stderr before it is made, to replay a crash. */
static void trace(const struct fz_args *call)
{
    char what[256];

    fz_describe(call, what, sizeof(what));
    fprintf(stderr, "filter_fuzzer: call %s\n", what);
}

static int64_t syscall_via_filter(uint64_t id, uint64_t a2, uint64_t a3, uint64_t a4)
{
    int64_t ret = dlcall(id, a2, a3, a4);

    if (ret == NOT_CLAIMED) {
        struct fz_args a = { .id = id, .a2 = a2, .a3 = a3, .a4 = a4 };

        fail(&a, "the filter did not claim the magic syscall");
    }
    return ret;
}

static struct fz_env env = {
    .syscall = syscall_via_filter,
    .fast_path = false, /* the harness has no instruction-level API: ID 6 answers -EINVAL */
    .dlopen_flags = RTLD_NOLOAD | RTLD_GLOBAL | RTLD_NODELETE, /* RTLD_DEEPBIND breaks ASan */
    .libs = libs,
    .lib_symbols = lib_symbols,
    .fail = fail,
};

static const char *plugin_path(const char *argv0)
{
    static char path[PATH_MAX];
    char self[PATH_MAX];
    const char *given = getenv("DLCALL_PLUGIN");
    ssize_t n;

    if (given != NULL) {
        return given;
    }
    n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0) {
        snprintf(self, sizeof(self), "%s", argv0);
    } else {
        self[n] = '\0';
    }
    snprintf(path, sizeof(path), "%s/../plugin/libdlcall.so", dirname(self));
    return path;
}

/* What QEMU does at -plugin: dlopen, then install with a user-mode qemu_info_t. */
static void load_plugin(const char *path)
{
    static char *no_args[] = { NULL };
    qemu_info_t info = { .target_name = "x86_64", .version = { 2, 7 } };
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    install_t install = lib ? (install_t)dlsym(lib, "qemu_plugin_install") : NULL;

    if (install == NULL) {
        fprintf(stderr, "filter_fuzzer: cannot load %s: %s\n", path, dlerror());
        exit(2);
    }
    if (install(PLUGIN_ID, &info, 0, no_args) != 0 || host.filter == NULL) {
        fprintf(stderr, "filter_fuzzer: %s did not install a syscall filter\n", path);
        exit(2);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    load_plugin(plugin_path((*argv)[0]));
    /* DLCALL_FUZZ_POINTERS=safe: NULL and valid pointers only (the oracle alone, for a
     * plugin that does not validate pointers yet). */
    env.bad_pointers = getenv("DLCALL_FUZZ_POINTERS") == NULL ||
                       strcmp(getenv("DLCALL_FUZZ_POINTERS"), "safe") != 0;
    if (getenv("DLCALL_FUZZ_TRACE") != NULL) {
        env.trace = trace;
    }
    fz_pool_init(&env);
    atexit(print_stats);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_src src;

    fz_src_bytes(&src, data, size);
    inputs++;
    for (int i = 0; i < MAX_CALLS_PER_INPUT && fz_src_more(&src); i++) {
        fz_call(&src, &stats);
    }
    fz_finish();
    return 0;
}
