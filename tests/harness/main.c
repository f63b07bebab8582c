/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qemu_harness: plays QEMU linux-user for a dlcall plugin, without QEMU.
 *
 * It exports the plugin API functions a dlcall plugin may import (link
 * with -rdynamic so the plugin's dlopen(NULL)+dlsym finds them), loads the
 * plugin, calls qemu_plugin_install with a crafted qemu_info_t and then
 * calls the registered syscall filter directly, with real host memory, the
 * way do_syscall would. This tests the plugin's C ABI and protocol in
 * milliseconds, and measures the filter's cost without TCG in the way.
 *
 * Usage: qemu_harness <plugin.so> <scenario> [--api N] [--system]
 *            [--expect-num N] [--iters N] [--seed-only] [-- opt1 opt2 ...]
 * Scenarios: install, protocol, threads, bench.
 *
 * This file is the command line, loading, install and dispatch; the API
 * stand-ins are in qemu_api.c and each scenario has its own file.
 */
#include "harness.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct options opt = { .api = 7, .expect_num = 4096, .iters = 10000000 };

static void usage(void)
{
    printf("usage: qemu_harness <plugin.so> install|protocol|threads|bench [--api N] [--system]\n"
           "       [--expect-num N] [--iters N] [--seed-only] [-- plugin options...]\n");
    exit(2);
}

static long long parse_number(const char *s, const char *what)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(s ? s : "", &end, 0);
    if (!s || !*s || *end || errno) {
        printf("error: bad %s '%s'\n", what, s ? s : "");
        exit(2);
    }
    return v;
}

static void parse_args(int argc, char **argv)
{
    int i;

    if (argc < 3) {
        usage();
    }
    opt.plugin = argv[1];
    opt.scenario = argv[2];
    for (i = 3; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else if (strcmp(a, "--api") == 0 && i + 1 < argc) {
            opt.api = (int)parse_number(argv[++i], "--api");
        } else if (strcmp(a, "--expect-num") == 0 && i + 1 < argc) {
            opt.expect_num = parse_number(argv[++i], "--expect-num");
        } else if (strcmp(a, "--iters") == 0 && i + 1 < argc) {
            opt.iters = (uint64_t)parse_number(argv[++i], "--iters");
        } else if (strcmp(a, "--system") == 0) {
            opt.system = true;
        } else if (strcmp(a, "--seed-only") == 0) {
            opt.seed_only = true;
        } else {
            usage();
        }
    }
    /* QEMU keeps argv alive for the plugin's lifetime; so does the harness's own argv. */
    opt.argc = argc - i;
    opt.argv = argv + i;
}

/* Loads the plugin like QEMU: version check first, then install. Returns install's rc. */
static int load_and_install(void)
{
    void *lib = dlopen(opt.plugin, RTLD_NOW | RTLD_LOCAL);
    qemu_info_t *info;
    int *version, rc;
    install_t install;

    if (!lib) {
        printf("error: dlopen: %s\n", dlerror());
        exit(2);
    }
    version = dlsym(lib, "qemu_plugin_version");
    install = (install_t)dlsym(lib, "qemu_plugin_install");
    if (!version || !install) {
        printf("error: plugin lacks %s\n", version ? "qemu_plugin_install" : "qemu_plugin_version");
        exit(2);
    }
    printf("qemu_plugin_version=%d\n", *version);
    if (*version < 2 || *version > opt.api) {
        printf("error: plugin API %d outside this QEMU's [2, %d]\n", *version, opt.api);
        exit(2);
    }

    /* Heap-allocated and poisoned afterwards: info is only valid during the call. */
    info = calloc(1, sizeof(*info));
    info->target_name = "x86_64";
    info->version.min = 2;
    info->version.cur = opt.api;
    info->system_emulation = opt.system;
    if (opt.system) {
        info->system.smp_vcpus = 1;
        info->system.max_vcpus = 1;
    }
    host.api = opt.api;
    fflush(stdout); /* keep our lines ahead of anything the plugin writes */
    rc = install(PLUGIN_ID, info, opt.argc, opt.argv);
    memset(info, 0xff, sizeof(*info));
    free(info);
    return rc;
}

int main(int argc, char **argv)
{
    int rc, status;

    parse_args(argc, argv);
    rc = load_and_install();
    if (strcmp(opt.scenario, "install") == 0) {
        printf("install=%d\n", rc);
        run_atexit();
        return 0;
    }
    if (rc != 0) {
        printf("FAIL install: rc %d\nsummary 0 1\n", rc);
        return 1;
    }
    if (!host.filter) {
        printf("FAIL install: no syscall filter registered\nsummary 0 1\n");
        return 1;
    }
    if (strcmp(opt.scenario, "protocol") == 0) {
        status = scenario_protocol();
    } else if (strcmp(opt.scenario, "threads") == 0) {
        status = scenario_threads();
    } else if (strcmp(opt.scenario, "bench") == 0) {
        status = scenario_bench();
    } else {
        usage();
        return 2;
    }
    run_atexit();
    return status;
}
