/* Golden/units: overrides as translation units of their own (OverrideUnits). */
#include <stdarg.h>

struct un_opts {
    int scale;
};

int un_add(int a, int b);
/* NULL opts: the stub passes the unit's units_default_opts (spec nullDefaults). */
int un_apply(const struct un_opts *opts, int x);
/* Variadic: a guest override unit (units_sum.c). */
int un_sum(int n, ...);
/* Variadic: a guest override pasted as before (pasted_max.c has no #include "dlcall_stub.h"). */
int un_max(int n, ...);
