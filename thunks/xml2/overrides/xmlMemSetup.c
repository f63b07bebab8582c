/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Refused (-1, as for a NULL function): the host library allocates from the
 * guest-mapped heap (heap_host.c) and the guest's xmlFree and xmlMalloc
 * forward to it. Guest allocator functions would be called from inside
 * every host call. Nothing changes on either side (docs/Libraries.md).
 */
int xmlMemSetup(xmlFreeFunc freeFunc, xmlMallocFunc mallocFunc, xmlReallocFunc reallocFunc, xmlStrdupFunc strdupFunc)
{
    (void)freeFunc; (void)mallocFunc; (void)reallocFunc; (void)strdupFunc;
    return -1;
}
