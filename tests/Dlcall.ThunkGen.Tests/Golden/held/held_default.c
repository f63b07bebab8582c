/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Included by the stub (spec stubSources): the allocator a NULL argument becomes. */
static void *held_guest_alloc(void *opaque, unsigned long n)
{
    (void)opaque;
    return malloc(n);
}

static void held_guest_free(void *opaque, void *p)
{
    (void)opaque;
    free(p);
}

static const held_mem held_default_mem = { held_guest_alloc, held_guest_free, NULL };
