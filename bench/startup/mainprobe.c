// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Start-up probe (bench/startup/in_guest.sh): a guest program linked against one library
 * (libm unless built with -DPROBE_SYMBOL=<one of its functions>) whose main returns at once, so
 * a run's CPU time is QEMU's start, the dynamic loader, every library constructor (dlcall's
 * stubs') and exit: the cost of reaching main.
 */
#ifndef PROBE_SYMBOL
#define PROBE_SYMBOL sin
#endif

/* Any function of the library: only its address is taken, so the library stays NEEDED. */
void PROBE_SYMBOL(void);
void (*volatile keep)(void) = PROBE_SYMBOL;

int main(void)
{
    return 0;
}
