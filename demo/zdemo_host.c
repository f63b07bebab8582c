/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host side of the demo: adapters from dlcall's INVOKE_PROC shape,
 * void f(void *args, void *ret), to the host's zlib. Written by hand here;
 * the thunk generator produces such adapters for whole libraries.
 */
#include <zlib.h>

#include "zdemo_args.h"

void zdemo_compress2(void *args, void *ret)
{
    struct zdemo_compress_args *a = args;
    uLongf dest_len = a->dest_len;

    *(int *)ret = compress2(a->dest, &dest_len, a->source, a->source_len,
                            a->level);
    a->dest_len = dest_len;
}
