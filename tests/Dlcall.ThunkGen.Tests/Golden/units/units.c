/* The "real" library of Golden/units. */
#include "units.h"

int un_add(int a, int b) { return a + b; }
int un_apply(const struct un_opts *opts, int x) { return opts ? opts->scale * x : x; }

int un_sum(int n, ...)
{
    va_list ap;
    int s = 0;

    va_start(ap, n);
    while (n-- > 0) s += va_arg(ap, int);
    va_end(ap);
    return s;
}

int un_max(int n, ...)
{
    va_list ap;
    int m = 0;

    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        int v = va_arg(ap, int);
        m = i == 0 || v > m ? v : m;
    }
    va_end(ap);
    return m;
}
