/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host's stdout, line-buffered.
 *
 * A passed-through library that prints (OpenBLAS's xerbla_: "** On entry to DGEMM parameter
 * number 1 had an illegal value") writes with the host's stdio, whose buffer the guest cannot
 * flush: the guest's fflush(stdout) flushes its own libc's buffer only. Fully buffered, as host
 * stdio makes a pipe or a file, the host's lines came out when QEMU exited, after everything
 * the guest wrote later (tests/numpy/fortran_abi.py). Line-buffered, each line is out before
 * the call returns to the guest, which is where a guest that flushes expects it. (A guest that
 * never flushes sees its own buffered output later than the library's lines: the order the
 * emulated library would have given then depends on the guest's buffer, which the host does
 * not know.) Set when the first stub loads the host runtime, before any library call.
 */
#include <stdio.h>

__attribute__((constructor)) static void dlcall_host_stdout_line_buffered(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
}
