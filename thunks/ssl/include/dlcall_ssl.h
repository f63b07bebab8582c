/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libssl's headers for dlcall gen, with one change: the callback of SSL_callback_ctrl and
 * SSL_CTX_callback_ctrl.
 *
 * ssl.h declares it void (*)(void); its real type depends on the command: the servername
 * callback int (*)(SSL *, int *, void *), the status request callback int (*)(SSL *, void *),
 * the ticket key callback (6 arguments), the message callback (7)... tls1.h's macros cast them.
 * A trampoline of the declared type would call the guest's function with no arguments. Every
 * one of them takes integers and pointers only, so declared here with 8 integer arguments the
 * trampoline hands the guest's function all it may read (a callback ignores the ones past its
 * own, in the registers of both ABIs) and its integer result.
 */
#ifndef DLCALL_SSL_H
#define DLCALL_SSL_H

#define SSL_callback_ctrl dlcall_ssl_h_SSL_callback_ctrl
#define SSL_CTX_callback_ctrl dlcall_ssl_h_SSL_CTX_callback_ctrl
#include <openssl/ssl.h>
#undef SSL_callback_ctrl
#undef SSL_CTX_callback_ctrl

typedef long (*dlcall_ssl_ctrl_cb)(long, long, long, long, long, long, long, long);
long SSL_callback_ctrl(SSL *, int, dlcall_ssl_ctrl_cb);
long SSL_CTX_callback_ctrl(SSL_CTX *, int, dlcall_ssl_ctrl_cb);

#endif
