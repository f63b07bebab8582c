/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host code that faults while the guest called it (docs/Security.md,
 * "Host crashes").
 *
 * QEMU's SIGSEGV handler treats a fault outside its generated code as its
 * own bug ("QEMU internal SIGSEGV {code=MAPERR, addr=0x8}") and dies; a
 * jump to a bad address even looks like a guest fault to it and unwinds
 * into the guest's signal handling from the middle of the plugin. Neither
 * names the library that crashed. So at the first magic syscall (QEMU
 * installs its handlers after the plugin's install) the plugin puts its
 * own handler in front of QEMU's for the synchronous fault signals. While
 * the faulting thread is inside a host call (dlcall_host_fn set) it names
 * the faulting code and the called function with dladdr and lets the
 * process die by the signal; otherwise, and for a write to a read-only
 * page, which may be a page QEMU write-protected because it translated
 * code from it, it hands over to QEMU unchanged: guest faults keep their
 * emulated delivery.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdbool.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "call.h"
#include "fault.h"

static const int fault_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE };
static struct sigaction chained[NSIG];

/* A message built without malloc or stdio: this runs in a signal handler. */
struct line {
    char buf[1024];
    size_t len;
};

static void put_str(struct line *l, const char *s)
{
    while (*s != 0 && l->len < sizeof(l->buf) - 1) {
        l->buf[l->len++] = *s++;
    }
}

static void put_hex(struct line *l, uintptr_t v)
{
    char digits[2 + 16];
    int n = 0;

    do {
        digits[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v != 0);
    put_str(l, "0x");
    while (n > 0 && l->len < sizeof(l->buf) - 1) {
        l->buf[l->len++] = digits[--n];
    }
}

/* "lib.so!symbol+0x10", or "0x1234 (no library)". */
static void put_code(struct line *l, uintptr_t addr)
{
    Dl_info info;

    if (dladdr((void *)addr, &info) == 0 || info.dli_fname == NULL) {
        put_hex(l, addr);
        put_str(l, " (in no loaded library)");
        return;
    }
    put_str(l, info.dli_fname);
    put_str(l, "!");
    if (info.dli_sname != NULL) {
        put_str(l, info.dli_sname);
        if (addr != (uintptr_t)info.dli_saddr) {
            put_str(l, "+");
            put_hex(l, addr - (uintptr_t)info.dli_saddr);
        }
    } else {
        put_hex(l, addr - (uintptr_t)info.dli_fbase);
    }
}

static const char *signal_name(int sig)
{
    switch (sig) {
    case SIGSEGV:
        return "SIGSEGV";
    case SIGBUS:
        return "SIGBUS";
    case SIGILL:
        return "SIGILL";
    default:
        return "SIGFPE";
    }
}

static void report(int sig, const siginfo_t *info, const ucontext_t *uc,
                   uint64_t fn)
{
    struct line l = { .len = 0 };
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];

    put_str(&l, "dlcall: host code crashed with ");
    put_str(&l, signal_name(sig));
    put_str(&l, " (address ");
    put_hex(&l, (uintptr_t)info->si_addr);
    put_str(&l, ") at ");
    put_code(&l, pc);
    put_str(&l, " during the guest's call of ");
    put_code(&l, (uintptr_t)fn);
    put_str(&l, "; QEMU stops\n");
    (void)!write(STDERR_FILENO, l.buf, l.len);
}

/* x86-64: a page fault (trap 14) whose error code has the write bit. */
static bool is_write_to_readonly(int sig, const siginfo_t *info,
                                 const ucontext_t *uc)
{
    return sig == SIGSEGV && info->si_code == SEGV_ACCERR &&
           uc->uc_mcontext.gregs[REG_TRAPNO] == 14 &&
           (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
}

static void fault_handler(int sig, siginfo_t *info, void *ucontext)
{
    uint64_t fn = dlcall_host_fn;

    if (fn != 0 && info->si_code > 0 &&
        !is_write_to_readonly(sig, info, ucontext)) {
        report(sig, info, ucontext, fn);
        /* Returning re-runs the faulting instruction, which now kills the
         * process with the signal's default action. */
        signal(sig, SIG_DFL);
        return;
    }
    chained[sig].sa_sigaction(sig, info, ucontext);
}

/*
 * Called once, on the first magic syscall, when QEMU's handlers are in
 * place. A signal without a SA_SIGINFO handler is not QEMU's: left alone.
 */
void dlcall_crash_setup(void)
{
    for (size_t i = 0; i < sizeof(fault_signals) / sizeof(fault_signals[0]);
         i++) {
        int sig = fault_signals[i];
        struct sigaction old, act;

        if (sigaction(sig, NULL, &old) != 0 || !(old.sa_flags & SA_SIGINFO) ||
            old.sa_sigaction == NULL || old.sa_sigaction == fault_handler) {
            continue;
        }
        chained[sig] = old;
        act = old;
        act.sa_sigaction = fault_handler;
        sigaction(sig, &act, NULL);
    }
}
