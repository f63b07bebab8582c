/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where stats and trace lines go: QEMU's log, or stderr without it. */
#ifndef DLCALL_LOG_H
#define DLCALL_LOG_H

#pragma GCC visibility push(hidden)

/* @outs: qemu_plugin_outs (-d plugin shows it), or NULL for stderr. */
void dlcall_log_to(void (*outs)(const char *));
void dlcall_log(const char *line);

#pragma GCC visibility pop

#endif /* DLCALL_LOG_H */
