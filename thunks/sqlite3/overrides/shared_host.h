/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the generated thunks use by name in the override units (spec hostSources: dlcall_thunks.h
 * includes it, hidden).
 */
/* heap_host.c: the allocator spec guestHeap installs. */
extern const sqlite3_mem_methods dlcall_heap_methods;
/* log_host.c: where SQLITE_CONFIG_LOG's trampoline enters (spec opCodeVariadics). */
void dlcall_sqlite_log_entry(void *arg, int code, const char *msg);
