// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Start-up probe (bench/startup/in_guest.sh): a guest program linked against libm whose main
 * returns at once, so a run's CPU time is QEMU's start, the dynamic loader, every library
 * constructor (dlcall's stubs') and exit: the cost of reaching main.
 */
#include <math.h>

double (*volatile keep)(double) = sin; /* libm.so.6 stays NEEDED */

int main(void)
{
    return 0;
}
