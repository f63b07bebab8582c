/* SPDX-License-Identifier: GPL-2.0-or-later */
/* trace=on: one log line per call, after it ran (trace.c). */
#ifndef DLCALL_TRACE_H
#define DLCALL_TRACE_H

#include <stdint.h>

#pragma GCC visibility push(hidden)

void dlcall_trace_call(unsigned int vcpu, uint64_t id, uint64_t a2, uint64_t a3,
                       uint64_t a4, int64_t sysret);
void dlcall_trace_fast(unsigned int vcpu, uint64_t fn, uint64_t a, uint64_t b);

#pragma GCC visibility pop

#endif /* DLCALL_TRACE_H */
