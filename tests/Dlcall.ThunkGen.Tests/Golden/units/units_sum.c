/* A guestOverrides unit: un_sum adds on the guest and doubles through the spec's guestCalls helper. */
#include "dlcall_stub.h"

extern int units_started;

int (un_sum)(int n, ...)
{
    va_list ap;
    int s = 0;

    va_start(ap, n);
    while (n-- > 0) s += va_arg(ap, int);
    va_end(ap);
    return units_started ? dlcall_units_twice(s) / 2 : s;
}
