/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stats=on: counting, called by slow_path.c (stats.c), and its tables,
 * which the report reads (stats_report.c). */
#ifndef DLCALL_STATS_H
#define DLCALL_STATS_H

#include <stdint.h>

#include <dlcall/protocol.h>

#pragma GCC visibility push(hidden)

/* Kinds are the protocol IDs, then these two. */
#define DLCALL_STATS_FAST DLCALL_ID_COUNT
#define DLCALL_STATS_UNKNOWN (DLCALL_ID_COUNT + 1)
#define DLCALL_STATS_KINDS (DLCALL_ID_COUNT + 2)

/* Distinct host functions counted one by one; more go to "other". */
#define FN_SLOTS 4096

/* How a function's calls count: as its own, or for the frame's thunk. */
enum fn_role { ROLE_UNNAMED, ROLE_PLAIN, ROLE_RT_CALL, ROLE_RT_RESUME };

struct fn_slot {
    uint64_t fn;
    uint64_t count;
    uint64_t ns;
    uint64_t callbacks; /* guest callbacks its calls asked for */
    unsigned int role;  /* enum fn_role, stored once the slot is named */
    char lib[160];      /* "" when dladdr knows no library */
    char sym[80];       /* "" when fn is not a symbol's start */
};

/* Distinct callback labels counted one by one; more go to "other". */
#define CB_SLOTS 256

struct cb_slot {
    uint64_t what; /* the label's address: the thunk library's string */
    uint64_t count;
    char label[96];
};

extern uint64_t dlcall_id_count[DLCALL_STATS_KINDS];
extern uint64_t dlcall_id_ns[DLCALL_STATS_KINDS];
extern struct fn_slot dlcall_fn_table[FN_SLOTS];
extern uint64_t dlcall_other_count, dlcall_other_ns; /* the table was full */
extern struct cb_slot dlcall_cb_table[CB_SLOTS];
extern uint64_t dlcall_other_callbacks;

/* Every count back to zero (a forked child, a report). */
void dlcall_stats_forget(void);
uint64_t dlcall_now_ns(void);
/* One call of @kind, of host function @fn (0: none) with first argument
 * @arg (a host runtime entry's frame), that took @ns. */
void dlcall_stats_record(unsigned int kind, uint64_t fn, uint64_t arg, uint64_t ns);

#pragma GCC visibility pop

#endif /* DLCALL_STATS_H */
