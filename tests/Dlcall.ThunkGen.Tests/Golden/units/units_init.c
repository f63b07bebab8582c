/* The guestInit unit: dlcall_guest_init is declared by dlcall_stub.h. */
#include "dlcall_stub.h"

/* Hidden too: shared with units_sum.c, not exported. */
int units_started;

void dlcall_guest_init(void)
{
    int out = 0, in = 1;

    dlcall_invoke(dlcall__host_fn("units_host_probe"), &in, &out); /* a host unit's exported function */
    units_started = out;
}
