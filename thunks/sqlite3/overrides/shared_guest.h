/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the generated stub calls by name in the override units (spec stubSources: dlcall_stub.h
 * includes it, hidden).
 */
/* heap_guest.c: spec hostStringTest. */
int dlcall_sqlite_in_image(const void *p);
/* log_guest.c: sqlite3_log's va_list twin (spec vaListTwins), SQLITE_CONFIG_LOG's invoker (spec opCodeVariadics). */
void dlcall_sqlite3_vlog(int code, const char *fmt, va_list ap);
void dlcall_sqlite_log_invoke(uint64_t fn, const uint64_t *argv, uint64_t *ret);
