/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scenario_protocol.c: every dlcall request id, its error paths and the
 * syscalls the filter must not claim, one "ok"/"FAIL" line per check.
 */
#include "harness.h"

#include <dlfcn.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void check_attributes(void)
{
    const char *out = "poison";
    int64_t ret;

    ret = dlcall(0, P("emu"), P(&out), 0);
    check(ret == 0 && out && strcmp(out, "qemu") == 0, "attr.emu",
          "sysret %" PRId64 ", value %s", ret, out ? out : "(null)");

    if (opt.seed_only) {
        printf("skip attr.version\n");
    } else {
        out = NULL;
        ret = dlcall(0, P("dlcall.version"), P(&out), 0);
        check(ret == 0 && out != NULL, "attr.version", "sysret %" PRId64 ", value NULL", ret);
        if (out) {
            printf("info dlcall.version=%s\n", out);
        }
    }

    out = "poison";
    ret = dlcall(0, P("no.such.key"), P(&out), 0);
    check(ret == 0 && out == NULL, "attr.unknown", "sysret %" PRId64 ", value %s",
          ret, out ? out : "(null)");

    /* A key that has "emu" as a prefix is another key. */
    out = "poison";
    ret = dlcall(0, P("emulator"), P(&out), 0);
    check(ret == 0 && out == NULL, "attr.prefix", "sysret %" PRId64 ", value %s",
          ret, out ? out : "(null)");
}

/*
 * dlerror through the plugin. The message is copied at once (the next
 * libdl call may reuse glibc's buffer); *pending says whether there was one.
 */
static int64_t plugin_dlerror(char *buf, size_t size, bool *pending)
{
    const char *msg = "poison";
    int64_t ret = dlcall(4, P(&msg), 0, 0);

    snprintf(buf, size, "%s", msg ? msg : "");
    *pending = msg != NULL;
    return ret;
}

static void check_libdl(void)
{
    char err[512];
    void *libm = NULL, *bad = (void *)1, *sym = NULL, *mine, *own;
    int64_t ret;
    int rc = -1;
    bool pending;

    ret = dlcall(1, P("libm.so.6"), RTLD_NOW, P(&libm));
    check(ret == 0 && libm != NULL, "dlopen.libm", "sysret %" PRId64 ", handle %p", ret, libm);

    ret = dlcall(1, P("/nonexistent.so"), RTLD_NOW, P(&bad));
    check(ret == 0 && bad == NULL, "dlopen.missing", "sysret %" PRId64 ", handle %p", ret, bad);

    ret = plugin_dlerror(err, sizeof(err), &pending);
    check(ret == 0 && pending && strstr(err, "nonexistent"), "dlerror.dlopen",
          "sysret %" PRId64 ", message '%s'", ret, err);

    /* dlerror clears the pending message, per thread. */
    ret = plugin_dlerror(err, sizeof(err), &pending);
    check(ret == 0 && !pending, "dlerror.cleared", "sysret %" PRId64 ", message '%s'", ret, err);

    /* Only the low 32 bits of a3 are the flags. */
    void *again = NULL;
    ret = dlcall(1, P("libm.so.6"), 0xdead000000000000ULL | RTLD_NOW, P(&again));
    check(ret == 0 && again == libm, "dlopen.flags_low32",
          "sysret %" PRId64 ", handle %p, want %p", ret, again, libm);
    if (again) {
        dlclose(again);
    }

    if (libm) {
        ret = dlcall(2, P(libm), P("cos"), P(&sym));
        mine = dlsym(libm, "cos");
        check(ret == 0 && sym != NULL && sym == mine, "dlsym.cos",
              "sysret %" PRId64 ", %p, harness dlsym %p", ret, sym, mine);

        sym = (void *)1;
        ret = dlcall(2, P(libm), P("dlcall_no_such_symbol"), P(&sym));
        check(ret == 0 && sym == NULL, "dlsym.missing", "sysret %" PRId64 ", %p", ret, sym);
        ret = plugin_dlerror(err, sizeof(err), &pending);
        check(ret == 0 && pending && strstr(err, "dlcall_no_such_symbol"), "dlerror.dlsym",
              "sysret %" PRId64 ", message '%s'", ret, err);
    }

    /* NULL path is the main program, NULL handle is RTLD_DEFAULT: both legal. */
    void *main_prog = NULL;
    ret = dlcall(1, 0, RTLD_NOW, P(&main_prog));
    own = dlsym(RTLD_DEFAULT, "qemu_plugin_outs");
    sym = NULL;
    if (main_prog) {
        dlcall(2, P(main_prog), P("qemu_plugin_outs"), P(&sym));
    }
    check(ret == 0 && main_prog && sym == own, "dlopen.main_program",
          "sysret %" PRId64 ", handle %p, symbol %p want %p", ret, main_prog, sym, own);
    sym = NULL;
    ret = dlcall(2, 0, P("qemu_plugin_outs"), P(&sym));
    check(ret == 0 && sym == own, "dlsym.rtld_default",
          "sysret %" PRId64 ", %p want %p", ret, sym, own);

    if (libm) {
        ret = dlcall(3, P(libm), P(&rc), 0);
        check(ret == 0 && rc == 0, "dlclose.libm", "sysret %" PRId64 ", result %d", ret, rc);
    }
}

static void check_invoke(const char *name)
{
    int64_t in[2] = { 40, 2 }, sum = 0;
    int64_t ret = dlcall(5, P(add), P(in), P(&sum));

    check(ret == 0 && sum == 42, name, "sysret %" PRId64 ", sum %" PRId64, ret, sum);
}

static void check_unknown_ids(void)
{
    static const uint64_t ids[] = { 6, 7, 1000, 0x80000000ULL, UINT64_MAX };
    char name[64];

    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        snprintf(name, sizeof(name), "einval.id_%" PRIu64, ids[i]);
        check_ret(dlcall(ids[i], P("emu"), 0, 0), EINVAL_RET, name);
    }
}

/* The seed asserts on these; dlcall must answer -EFAULT and keep going. */
static void check_efault(void)
{
    const char *s = NULL;
    void *h = NULL;
    int64_t in[2] = { 1, 2 }, sum = 0;
    void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);

    check_ret(dlcall(0, P("emu"), 0, 0), EFAULT_RET, "efault.attr_out");
    check_ret(dlcall(0, 0, P(&s), 0), EFAULT_RET, "efault.attr_key");
    check_ret(dlcall(1, P("libm.so.6"), RTLD_NOW, 0), EFAULT_RET, "efault.dlopen_out");
    check_ret(dlcall(2, P(libc), P("puts"), 0), EFAULT_RET, "efault.dlsym_out");
    check_ret(dlcall(2, P(libc), 0, P(&h)), EFAULT_RET, "efault.dlsym_name");
    check_ret(dlcall(3, P(libc), 0, 0), EFAULT_RET, "efault.dlclose_out");
    check_ret(dlcall(3, 0, P(&h), 0), EFAULT_RET, "efault.dlclose_handle");
    check_ret(dlcall(4, 0, 0, 0), EFAULT_RET, "efault.dlerror_out");
    check_ret(dlcall(5, 0, P(in), P(&sum)), EFAULT_RET, "efault.invoke_fn");
    if (libc) {
        dlclose(libc);
    }

    /* Still alive and serving after all that. */
    check_invoke("invoke.after_efault");
}

/* Any other syscall number: not claimed, sysret untouched, nothing run. */
static void check_misses(void)
{
    const int64_t nums[] = { 0, 1, 64, 4095, 4096, 4097, opt.expect_num - 1,
                             opt.expect_num + 1, -1, INT64_MIN, INT64_MAX };
    int64_t in[2] = { 1, 2 }, sum = 0, ret;
    char name[64];

    for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
        bool seen = nums[i] == opt.expect_num;
        for (size_t j = 0; j < i; j++) {
            seen |= nums[j] == nums[i];
        }
        if (seen) {
            continue;
        }
        sum = 0;
        bool claimed = call_filter(0, nums[i], 5, P(add), P(in), P(&sum),
                                   SYSRET_SENTINEL, &ret);
        snprintf(name, sizeof(name), "miss.num_%" PRId64, nums[i]);
        check(!claimed && ret == SYSRET_SENTINEL && sum == 0, name,
              "claimed %d, sysret %#" PRIx64 ", ran %d", claimed, (uint64_t)ret, sum != 0);
    }
}

static void check_registration(void)
{
    check(host.filter_registrations == 1, "register.once", "%d registrations",
          host.filter_registrations);
    check(host.filter_id == PLUGIN_ID, "register.id", "id %" PRIu64, host.filter_id);
}

int scenario_protocol(void)
{
    check_registration();
    check_attributes();
    check_libdl();
    check_invoke("invoke.add");
    check_unknown_ids();
    check_efault();
    check_misses();
    printf("summary %d %d\n", passed, failed);
    return failed ? 1 : 0;
}
