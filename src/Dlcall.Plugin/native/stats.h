/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats=on: counting, called by slow_path.c (stats.c). */
#ifndef DLCALL_STATS_H
#define DLCALL_STATS_H

#include <stdint.h>

#include <dlcall/protocol.h>

#pragma GCC visibility push(hidden)

/* Kinds are the protocol IDs, then these two. */
#define DLCALL_STATS_FAST DLCALL_ID_COUNT
#define DLCALL_STATS_UNKNOWN (DLCALL_ID_COUNT + 1)
#define DLCALL_STATS_KINDS (DLCALL_ID_COUNT + 2)

uint64_t dlcall_now_ns(void);
/* One call of @kind, of host function @fn (0: none) with first argument
 * @arg (a host runtime entry's frame), that took @ns. */
void dlcall_stats_record(unsigned int kind, uint64_t fn, uint64_t arg, uint64_t ns);

#pragma GCC visibility pop

#endif /* DLCALL_STATS_H */
