/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The state call.h's inline host call works on. */
#include "call.h"

__thread uint64_t dlcall_host_fn __attribute__((tls_model("initial-exec")));
unsigned int dlcall_slow = DLCALL_SLOW_SETUP;
dlcall_dispatch_fn dlcall_dispatch;
