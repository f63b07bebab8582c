/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Refused like xmlMemSetup (xmlMemSetup.c). */
int xmlGcMemSetup(xmlFreeFunc freeFunc, xmlMallocFunc mallocFunc, xmlMallocFunc mallocAtomicFunc,
                  xmlReallocFunc reallocFunc, xmlStrdupFunc strdupFunc)
{
    (void)freeFunc; (void)mallocFunc; (void)mallocAtomicFunc; (void)reallocFunc; (void)strdupFunc;
    return -1;
}
