/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The stub's start (spec guestInit, after the spec's guestHeap): the host's character tables for globals_guest.c. */

static void dlcall_xml2_fill_tables(void);

static void dlcall_guest_init(void)
{
    dlcall_xml2_fill_tables();
}
