/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ERR_add_error_data: variadic, so joined on the guest (see ERR_add_error_vdata.c). */
void ERR_add_error_data(int num, ...)
{
    va_list args;

    va_start(args, num);
    ERR_add_error_vdata(num, args);
    va_end(args);
}
