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
 * Everything the harness says goes to stdout: stderr belongs to the plugin,
 * whose error messages the tests compare byte for byte.
 *
 * Built with -DNO_FILTER_API it lacks the syscall-filter register function,
 * like a QEMU older than 11.0 without dlcall's backport.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The QEMU plugin types the harness needs; QEMU's header is not available. */
typedef uint64_t qemu_plugin_id_t;

typedef struct {
    const char *target_name;
    struct {
        int min;
        int cur;
    } version;
    bool system_emulation;
    union {
        struct {
            int smp_vcpus;
            int max_vcpus;
        } system;
    };
} qemu_info_t;

/* API 6 (QEMU 11.0) filter: the plugin id first, unsigned sysret, no userdata. */
typedef bool (*filter6_t)(qemu_plugin_id_t id, unsigned int vcpu, int64_t num,
                          uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                          uint64_t a5, uint64_t a6, uint64_t a7, uint64_t a8,
                          uint64_t *sysret);
/* API 7 (QEMU 11.1, dlcall's 10.2 backport) filter. */
typedef bool (*filter7_t)(unsigned int vcpu, int64_t num,
                          uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                          uint64_t a5, uint64_t a6, uint64_t a7, uint64_t a8,
                          int64_t *sysret, void *userdata);
typedef void (*atexit6_t)(qemu_plugin_id_t id, void *userdata);
typedef void (*atexit7_t)(void *userdata);
typedef int (*install_t)(qemu_plugin_id_t id, const qemu_info_t *info,
                         int argc, char **argv);

/* The exported API, declared here so -Wmissing-prototypes stays quiet too. */
#ifndef NO_FILTER_API
void qemu_plugin_register_vcpu_syscall_filter_cb(qemu_plugin_id_t id, void *cb,
                                                 void *userdata);
#endif
void qemu_plugin_outs(const char *string);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, void *cb, void *userdata);

#define PLUGIN_ID 42
#define EFAULT_RET (-(int64_t)EFAULT)
#define EINVAL_RET (-(int64_t)EINVAL)
/* What a filter must leave alone when it does not claim a syscall. */
#define SYSRET_SENTINEL ((int64_t)0x5a5a5a5a5a5a5a5aLL)
/* a5..a8 carry junk: the protocol ignores them and so must the plugin. */
#define JUNK 0xa5a5a5a5a5a5a5a5ULL
/* dlcall()'s answer when the filter did not claim the syscall (shown as a sysret). */
#define NOT_CLAIMED INT64_MIN

/* What the plugin registered, and the API level the harness announced. */
static struct {
    int api;
    int filter_registrations;
    qemu_plugin_id_t filter_id;
    void *filter;
    void *filter_userdata;
    int atexit_registrations;
    void *atexit_cb;
    void *atexit_userdata;
} host = { .api = 7 };

static struct {
    const char *plugin;
    const char *scenario;
    int api;
    bool system;
    bool seed_only;
    int64_t expect_num;
    uint64_t iters;
    int argc;
    char **argv;
} opt = { .api = 7, .expect_num = 4096, .iters = 10000000 };

static int passed, failed;

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
static void run_atexit(void)
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
static bool call_filter(unsigned vcpu, int64_t num, uint64_t a1, uint64_t a2,
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
static int64_t dlcall(uint64_t id, uint64_t a2, uint64_t a3, uint64_t a4)
{
    int64_t ret;

    if (!call_filter(0, opt.expect_num, id, a2, a3, a4, 0, &ret)) {
        return NOT_CLAIMED;
    }
    return ret;
}

#define P(x) ((uint64_t)(uintptr_t)(x))

__attribute__((format(printf, 3, 4)))
static void check(bool ok, const char *name, const char *fmt, ...)
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
static void check_ret(int64_t ret, int64_t want, const char *name)
{
    if (ret == NOT_CLAIMED) {
        check(false, name, "syscall not claimed");
        return;
    }
    check(ret == want, name, "sysret %" PRId64 ", want %" PRId64, ret, want);
}

/* INVOKE_PROC target: a[0] + a[1] into *b, so both arguments must arrive. */
static void add(void *a, void *b)
{
    const int64_t *in = a;

    *(int64_t *)b = in[0] + in[1];
}

static void noop(void *a, void *b)
{
    (void)a;
    (void)b;
    __asm__ volatile("" ::: "memory");
}

/* ---- protocol scenario ---- */

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

static int scenario_protocol(void)
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

/* ---- threads scenario ---- */

#define THREADS 8
#define THREAD_CALLS 100000

struct worker {
    pthread_t thread;
    unsigned index;
    pthread_barrier_t *start;
    long invoke_bad, dlerror_bad, calls;
    char detail[256];
};

/* One round of dlsym-miss + dlerror: the message must name this thread's symbol. */
static bool worker_dlerror_round(struct worker *w, const char *symbol)
{
    void *sym = (void *)1;
    const char *msg = NULL;
    int64_t r1 = dlcall(2, 0, P(symbol), P(&sym));
    int64_t r2 = dlcall(4, P(&msg), 0, 0);

    w->calls += 2;
    if (r1 == 0 && sym == NULL && r2 == 0 && msg && strstr(msg, symbol)) {
        return true;
    }
    if (!w->detail[0]) {
        snprintf(w->detail, sizeof(w->detail), "dlsym %" PRId64 "/%p dlerror %" PRId64 " '%s'",
                 r1, sym, r2, msg ? msg : "(null)");
    }
    return false;
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    char symbol[64];
    int64_t in[2], sum, ret;

    snprintf(symbol, sizeof(symbol), "dlcall_missing_in_thread_%u", w->index);
    pthread_barrier_wait(w->start);
    /* Every 4th call is a dlsym/dlerror pair: enough to interleave with other threads. */
    while (w->calls < THREAD_CALLS) {
        in[0] = (int64_t)w->index << 32;
        in[1] = w->calls;
        sum = -1;
        call_filter(w->index, opt.expect_num, 5, P(add), P(in), P(&sum), 0, &ret);
        w->calls++;
        if (ret != 0 || sum != in[0] + in[1]) {
            w->invoke_bad++;
        }
        if (w->calls % 4 == 1 && !worker_dlerror_round(w, symbol)) {
            w->dlerror_bad++;
        }
    }
    return NULL;
}

static int scenario_threads(void)
{
    struct worker workers[THREADS];
    pthread_barrier_t start;
    char name[64];

    pthread_barrier_init(&start, NULL, THREADS);
    for (unsigned i = 0; i < THREADS; i++) {
        workers[i] = (struct worker){ .index = i, .start = &start };
        if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]) != 0) {
            printf("error: pthread_create failed\n");
            return 2;
        }
    }
    for (unsigned i = 0; i < THREADS; i++) {
        struct worker *w = &workers[i];

        pthread_join(w->thread, NULL);
        snprintf(name, sizeof(name), "thread.%u.invoke", i);
        check(w->invoke_bad == 0, name, "%ld bad of %ld calls", w->invoke_bad, w->calls);
        snprintf(name, sizeof(name), "thread.%u.dlerror", i);
        check(w->dlerror_bad == 0, name, "%ld bad: %s", w->dlerror_bad, w->detail);
    }
    pthread_barrier_destroy(&start);
    printf("summary %d %d\n", passed, failed);
    return failed ? 1 : 0;
}

/* ---- bench scenario ---- */

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* ns per filter call for syscall number num (a claimed INVOKE_PROC or a miss). */
static double bench_loop(int64_t num, uint64_t iters)
{
    int64_t ret;
    double t0 = now_ns();

    /* The API test is hoisted by hand so the loop is only the indirect call. */
    if (host.api == 6) {
        filter6_t f = (filter6_t)host.filter;
        for (uint64_t i = 0; i < iters; i++) {
            ret = 0;
            f(host.filter_id, 0, num, 5, P(noop), 0, 0, 0, 0, 0, 0, (uint64_t *)&ret);
        }
    } else {
        filter7_t f = (filter7_t)host.filter;
        for (uint64_t i = 0; i < iters; i++) {
            ret = 0;
            f(0, num, 5, P(noop), 0, 0, 0, 0, 0, 0, &ret, host.filter_userdata);
        }
    }
    return (now_ns() - t0) / (double)iters;
}

static int scenario_bench(void)
{
    uint64_t warm = opt.iters / 10 + 1;

    bench_loop(opt.expect_num, warm);
    printf("filter_invoke_ns %.2f\n", bench_loop(opt.expect_num, opt.iters));
    bench_loop(opt.expect_num + 1, warm);
    printf("filter_miss_ns %.2f\n", bench_loop(opt.expect_num + 1, opt.iters));
    return 0;
}

/* ---- command line, loading, install ---- */

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
