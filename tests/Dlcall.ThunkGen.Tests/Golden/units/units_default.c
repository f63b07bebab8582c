/* A stubSources unit: the options the stub passes for NULL (spec nullDefaults). */
#include "dlcall_stub.h"

const struct un_opts units_default_opts = { .scale = 3 };
