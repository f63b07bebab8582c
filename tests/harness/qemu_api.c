/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qemu_api.c: the QEMU side of the plugin boundary.
 *
 * The plugin API functions a dlcall plugin may import, the calls QEMU makes
 * into what the plugin registered (filter, atexit), and the check helpers
 * the scenarios report through.
 *
 * Built with -DNO_FILTER_API it lacks the syscall-filter register function,
 * like a QEMU older than 11.0 without dlcall's backport.
 */
#include "harness.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

struct host_state host = { .api = 7 };

int passed, failed;

/* ---- the QEMU plugin API, as the plugin sees it ---- */

#ifndef NO_FILTER_API
/*
 * One definition serves both shapes: an API-6 caller passes two arguments
 * and leaves the third register holding garbage, so userdata only counts
 * when the harness announced API 7.
 */
void qemu_plugin_register_vcpu_syscall_filter_cb(qemu_plugin_id_t id, void *cb,
                                                 void *userdata)
{
    host.filter_registrations++;
    host.filter_id = id;
    host.filter = cb;
    host.filter_userdata = host.api == 6 ? NULL : userdata;
}
#endif

void qemu_plugin_outs(const char *string)
{
    printf("qemu_plugin_outs: %s", string ? string : "(null)\n");
    fflush(stdout);
}

void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, void *cb, void *userdata)
{
    (void)id;
    host.atexit_registrations++;
    host.atexit_cb = cb;
    host.atexit_userdata = userdata;
}

/* QEMU runs the atexit callback last; its signature depends on the API. */
void run_atexit(void)
{
    if (!host.atexit_cb) {
        return;
    }
    if (host.api == 6) {
        ((atexit6_t)host.atexit_cb)(PLUGIN_ID, host.atexit_userdata);
    } else {
        ((atexit7_t)host.atexit_cb)(host.atexit_userdata);
    }
    printf("atexit called\n");
}

/* ---- driving the filter ---- */

/*
 * One syscall as do_syscall presents it: *sysret is preset (QEMU uses 0;
 * the miss checks use a sentinel to see the filter leave it alone).
 */
bool call_filter(unsigned vcpu, int64_t num, uint64_t a1, uint64_t a2,
                 uint64_t a3, uint64_t a4, int64_t preset, int64_t *sysret)
{
    *sysret = preset;
    if (host.api == 6) {
        return ((filter6_t)host.filter)(host.filter_id, vcpu, num, a1, a2, a3, a4,
                                        JUNK, JUNK, JUNK, JUNK, (uint64_t *)sysret);
    }
    return ((filter7_t)host.filter)(vcpu, num, a1, a2, a3, a4, JUNK, JUNK, JUNK, JUNK,
                                    sysret, host.filter_userdata);
}

/* A dlcall with QEMU's preset of 0; returns the sysret, or NOT_CLAIMED. */
int64_t dlcall(uint64_t id, uint64_t a2, uint64_t a3, uint64_t a4)
{
    int64_t ret;

    if (!call_filter(0, opt.expect_num, id, a2, a3, a4, 0, &ret)) {
        return NOT_CLAIMED;
    }
    return ret;
}

/* INVOKE_PROC target: a[0] + a[1] into *b, so both arguments must arrive. */
void add(void *a, void *b)
{
    const int64_t *in = a;

    *(int64_t *)b = in[0] + in[1];
}

/* ---- checks ---- */

void check(bool ok, const char *name, const char *fmt, ...)
{
    va_list ap;

    if (ok) {
        passed++;
        printf("ok %s\n", name);
        return;
    }
    failed++;
    printf("FAIL %s: ", name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

/* A sysret check; the detail shows what came back. */
void check_ret(int64_t ret, int64_t want, const char *name)
{
    if (ret == NOT_CLAIMED) {
        check(false, name, "syscall not claimed");
        return;
    }
    check(ret == want, name, "sysret %" PRId64 ", want %" PRId64, ret, want);
}
