/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * OPENSSL_atexit: the host library would run the handler from its own exit
 * handler, where no guest code can run; the guest's atexit runs it at the
 * same point of the guest's exit.
 */
int OPENSSL_atexit(void (*handler)(void))
{
    return atexit(handler) == 0;
}
