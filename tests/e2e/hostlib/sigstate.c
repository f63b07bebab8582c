/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sigstate: a host (x86_64) program that a guest execs. It reports the
 * signal state it inherited: no signal may be ignored or blocked, so that
 * the .NET runtime inside QEMU's process leaks nothing into exec'd programs.
 * Exit 0 when clean, 1 otherwise.
 */
#include <signal.h>
#include <stdio.h>

int main(void)
{
    sigset_t mask;
    int ignored = 0, blocked = 0;

    sigprocmask(SIG_BLOCK, NULL, &mask);
    for (int sig = 1; sig < NSIG; sig++) {
        struct sigaction sa;

        if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN) {
            printf("sigstate: signal %d ignored\n", sig);
            ignored++;
        }
        if (sigismember(&mask, sig) == 1) {
            printf("sigstate: signal %d blocked\n", sig);
            blocked++;
        }
    }
    printf("sigstate: ignored %d blocked %d\n", ignored, blocked);
    return ignored || blocked;
}
