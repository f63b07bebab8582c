/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The handler for host code that faults during a guest's call (fault.c). */
#ifndef DLCALL_FAULT_H
#define DLCALL_FAULT_H

#pragma GCC visibility push(hidden)

/* Once, on the first magic syscall, when QEMU's handlers are in place. */
void dlcall_crash_setup(void);

#pragma GCC visibility pop

#endif /* DLCALL_FAULT_H */
