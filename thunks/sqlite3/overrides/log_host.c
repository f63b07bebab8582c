/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "dlcall_thunks.h"

/* SQLITE_CONFIG_LOG's callback type, called by sqlite3_log from any call (log_guest.c). */
void dlcall_sqlite_log_entry(void *arg, int code, const char *msg)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();
    uint64_t argv[3] = { (uint64_t)(uintptr_t)arg, (uint64_t)(int64_t)code, (uint64_t)(uintptr_t)msg };

    dlcall_rt_callback(t, argv, 3);
}
