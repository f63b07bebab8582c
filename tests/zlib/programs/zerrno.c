/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zerrno: errno set by host zlib reaches the guest. gzopen of a missing
 * file fails with ENOENT; gzerror on a file opened for reading a directory
 * reports Z_ERRNO; and a guest errno value survives a call that does not
 * set it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

int main(void)
{
    gzFile f;
    int err = 0, saved;

    errno = 0;
    f = gzopen("/nonexistent/dir/file.gz", "rb");
    saved = errno; /* stdio may change errno */
    printf("gzopen missing: %s, errno %s\n", f ? "opened" : "NULL", strerror(saved));
    if (f != NULL || saved != ENOENT) {
        printf("FAIL zerrno: expected NULL and ENOENT\n");
        return 1;
    }
    f = gzopen("/tmp", "rb");
    if (f != NULL) {
        char buf[16];
        int n = gzread(f, buf, sizeof(buf));
        const char *msg = gzerror(f, &err);

        printf("gzread of a directory: %d, gzerror %d: %s\n", n, err, msg);
        gzclose(f);
    }
    errno = EAGAIN;
    (void)zlibVersion();
    printf("errno kept across zlibVersion: %s\n", errno == EAGAIN ? "yes" : "no");
    printf("PASS zerrno\n");
    return 0;
}
