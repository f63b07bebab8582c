/* A hostSources unit: units_host_twice is hidden (units_host.h), units_host_probe exported for dlcall__host_fn. */
#include "dlcall_thunks.h"

int units_host_twice(int x)
{
    return 2 * x;
}

void units_host_probe(void *args, void *ret)
{
    *(int *)ret = *(const int *)args;
}
