/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libcbtest.so, part 3: checks of dlcall_rt_trampoline() and its inverse
 * that need no guest code, run through plain dlcall_invoke: the fake
 * guest functions are never called, the host entries only look at their
 * binding.
 */
#include <stdio.h>
#include <string.h>

#include "../callbacks/cbtest_abi.h"
#include "dlcall_host.h"

/* Fake guest addresses: no real guest invoker has this value. */
#define FAKE_FN(i) (0x7e5700000000ull + 16 * (uint64_t)(i))
#define FAKE_INVOKER 0x7e57dead0000ull

static const char echo_what[] = "cbtest: echo";

static uint64_t entry_echo(void)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();

    if (t->host_entry != (void *)entry_echo || t->what != echo_what ||
        t->guest_invoker != FAKE_INVOKER) {
        return 0;
    }
    return t->guest_fn;
}

/* Same signature, another host entry: must get its own trampoline. */
static uint64_t entry_echo_other(void)
{
    return ~dlcall_rt_current_target()->guest_fn;
}

static int check(int ok, const char *what, uint32_t i)
{
    if (!ok) {
        fprintf(stderr, "cbtest_thunk_trampolines: %s (i = %u)\n", what, i);
    }
    return !ok;
}

static int check_one(uint32_t i)
{
    uint64_t fn = FAKE_FN(i);
    uint64_t (*p)(void) = dlcall_rt_trampoline(fn, FAKE_INVOKER,
                                               (void *)entry_echo, echo_what);
    uint64_t (*other)(void) = dlcall_rt_trampoline(
        fn, FAKE_INVOKER, (void *)entry_echo_other, "cbtest: echo other");
    int failed = 0;

    if (check(p != NULL && other != NULL, "NULL trampoline", i)) {
        return 1;
    }
    failed += check(dlcall_rt_trampoline(fn, FAKE_INVOKER, (void *)entry_echo,
                                         "again") == (void *)p,
                    "same binding, another trampoline", i);
    failed += check((void *)other != (void *)p,
                    "another host entry, same trampoline", i);
    failed += check(dlcall_rt_guest_fn((void *)p) == fn, "guest_fn(p)", i);
    failed += check(dlcall_rt_guest_fn((char *)(uintptr_t)p + 1) ==
                        (uintptr_t)p + 1,
                    "guest_fn(p + 1) took it for a trampoline", i);
    failed += check(p() == fn, "calling it did not reach its binding", i);
    failed += check(other() == ~fn, "the other did not reach its binding", i);
    return failed;
}

void cbtest_thunk_trampolines(void *args, void *ret)
{
    const struct cbtest_tramp_args *a = args;
    int32_t failed = 0;
    int local;

    for (uint32_t i = 0; i < a->count; i++) {
        failed += check_one(i);
    }
    /* Later ones must not have disturbed the first. */
    failed += check_one(0);
    failed += check(dlcall_rt_trampoline(0, FAKE_INVOKER, (void *)entry_echo,
                                         echo_what) == NULL,
                    "guest_fn 0 gave a trampoline", 0);
    failed += check(dlcall_rt_guest_fn(NULL) == 0, "guest_fn(NULL)", 0);
    failed += check(dlcall_rt_guest_fn(&local) == (uintptr_t)&local,
                    "guest_fn(&local)", 0);
    failed += check(dlcall_rt_guest_fn((void *)entry_echo) ==
                        (uintptr_t)entry_echo,
                    "guest_fn(host function)", 0);
    *(int32_t *)ret = failed;
}
