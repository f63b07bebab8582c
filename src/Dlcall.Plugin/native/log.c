/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats= and trace= lines: QEMU's log when it has qemu_plugin_outs, else stderr. */
#include <string.h>
#include <unistd.h>

#include "log.h"

static void (*log_out)(const char *);

void dlcall_log_to(void (*outs)(const char *))
{
    log_out = outs;
}

void dlcall_log(const char *line)
{
    if (log_out != NULL) {
        log_out(line);
    } else {
        (void)!write(STDERR_FILENO, line, strlen(line));
    }
}
