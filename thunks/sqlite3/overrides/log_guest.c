/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest half of SQLite's logging (spec vaListTwins and opCodeVariadics). */

/* sqlite3_log's va_list twin, which SQLite lacks: formatted by the real guest library into a
 * buffer of sqlite3_log's own size (SQLITE_PRINT_BUF_SIZE * 3), logged by the host. */
static void dlcall_sqlite3_vlog(int code, const char *fmt, va_list ap)
{
    static dlcall_fn fn;
    char msg[70 * 3];
    struct { int64_t code; const char *msg; } a = { code, msg };
    struct dlcall_frame frame = { .args = (uint64_t)(uintptr_t)&a };

    sqlite3_vsnprintf(sizeof(msg), msg, fmt, ap);
    if (fn == NULL) {
        fn = dlcall__host_fn("dlcall_sqlite3_log_text");
    }
    frame.thunk = (uint64_t)(uintptr_t)fn;
    dlcall_call_host(&dlcall__rt, &frame); /* the log callback may be guest code */
}

/* SQLITE_CONFIG_LOG's callback: its message is on a host stack, so the guest gets a copy. */
static void dlcall_sqlite_log_invoke(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    char msg[1024];

    dlcall_copy_host_string(msg, (const char *)(uintptr_t)argv[2], sizeof(msg));
    ((void (*)(void *, int, const char *))(uintptr_t)fn)((void *)(uintptr_t)argv[0], (int)argv[1], msg);
    *ret = 0;
}
