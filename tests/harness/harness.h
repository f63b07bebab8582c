/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * harness.h: what the qemu_harness files share.
 *
 * Include it first, as QEMU's osdep.h: it defines _GNU_SOURCE, which only
 * takes effect before any system header (RTLD_DEFAULT, RTLD_NOLOAD).
 *
 * Everything the harness says goes to stdout: stderr belongs to the plugin,
 * whose error messages the tests compare byte for byte.
 */
#ifndef HARNESS_H
#define HARNESS_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

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

/*
 * The exported API (qemu_api.c). These stay non-static and visible: the
 * plugin finds them with dlopen(NULL)+dlsym, which -rdynamic makes work.
 */
#ifndef NO_FILTER_API
void qemu_plugin_register_vcpu_syscall_filter_cb(qemu_plugin_id_t id, void *cb,
                                                 void *userdata);
#endif
void qemu_plugin_outs(const char *string);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, void *cb, void *userdata);

/*
 * -rdynamic exports every global symbol, but what follows is global only so
 * the harness's files can share it. Hidden, it stays out of the dynamic
 * symbol table: the plugin sees just the API above, and a name like dlcall
 * or check cannot interpose on a symbol of the plugin or a library it loads.
 */
#pragma GCC visibility push(hidden)

#define PLUGIN_ID 42
#define EFAULT_RET (-(int64_t)EFAULT)
#define EINVAL_RET (-(int64_t)EINVAL)
/* What a filter must leave alone when it does not claim a syscall. */
#define SYSRET_SENTINEL ((int64_t)0x5a5a5a5a5a5a5a5aLL)
/* a5..a8 carry junk: the protocol ignores them and so must the plugin. */
#define JUNK 0xa5a5a5a5a5a5a5a5ULL
/* dlcall()'s answer when the filter did not claim the syscall (shown as a sysret). */
#define NOT_CLAIMED INT64_MIN

#define P(x) ((uint64_t)(uintptr_t)(x))

/* What the plugin registered, and the API level the harness announced. */
struct host_state {
    int api;
    int filter_registrations;
    qemu_plugin_id_t filter_id;
    void *filter;
    void *filter_userdata;
    int atexit_registrations;
    void *atexit_cb;
    void *atexit_userdata;
};

/* The command line (main.c). */
struct options {
    const char *plugin;
    const char *scenario;
    int api;
    bool system;
    bool seed_only;
    int64_t expect_num;
    uint64_t iters;
    int argc;
    char **argv;
};

extern struct host_state host;
extern struct options opt;
/* Check tallies, for each scenario's summary line. */
extern int passed, failed;

/* qemu_api.c: playing QEMU around the plugin. */
void run_atexit(void);
bool call_filter(unsigned vcpu, int64_t num, uint64_t a1, uint64_t a2,
                 uint64_t a3, uint64_t a4, int64_t preset, int64_t *sysret);
int64_t dlcall(uint64_t id, uint64_t a2, uint64_t a3, uint64_t a4);
void add(void *a, void *b);

/* qemu_api.c: the check helpers; each prints one "ok" or "FAIL" line. */
__attribute__((format(printf, 3, 4)))
void check(bool ok, const char *name, const char *fmt, ...);
void check_ret(int64_t ret, int64_t want, const char *name);

/* The scenarios; each returns the exit status. */
int scenario_protocol(void);
int scenario_threads(void);
int scenario_bench(void);

#pragma GCC visibility pop

#endif /* HARNESS_H */
