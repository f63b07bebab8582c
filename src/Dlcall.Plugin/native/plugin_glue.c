/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The few things libdlcall.so needs that NativeAOT cannot express:
 * an exported data symbol and code that runs before the .NET runtime starts.
 */
#include <signal.h>
#include <string.h>

/*
 * The plugin API level QEMU checks at load (min <= v <= cur). 5 is what the
 * backported 10.2 reports and is inside the range of 11.x; the callback
 * shapes are chosen at install time from info->version, not from this.
 */
__attribute__((visibility("default"))) int qemu_plugin_version = 5;

static struct sigaction saved_sigpipe;
static int saved_sigpipe_ok;

/*
 * The .NET runtime ignores SIGPIPE when it starts; QEMU's signal_init later
 * copies the host dispositions into the guest, so a guest writing to a
 * closed pipe would get EPIPE instead of dying. Remember the disposition
 * QEMU was started with, before any managed code runs.
 */
__attribute__((constructor(101))) static void dlcall_save_signals(void)
{
    saved_sigpipe_ok = sigaction(SIGPIPE, NULL, &saved_sigpipe) == 0;
}

/* Called from qemu_plugin_install, after the runtime is up. */
void dlcall_restore_signals(void)
{
    if (saved_sigpipe_ok) {
        sigaction(SIGPIPE, &saved_sigpipe, NULL);
    }
}
