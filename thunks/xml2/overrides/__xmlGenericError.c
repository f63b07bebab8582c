/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What xmlGenericError means to the guest: its forwarder to the host (errors_guest.c). */
xmlGenericErrorFunc *__xmlGenericError(void)
{
    return &dlcall_xml2_generic_error_var;
}
