/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * passthru: with the plugin loaded, every other syscall behaves as
 * without it: getpid, write to stdout, a file round trip in /tmp, and the
 * numbers next to the magic one still answer -ENOSYS.
 *
 * Usage: passthru
 */
#define E2E_FEATURE "passthru"
#include "../common/e2e.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

static void test_getpid(void)
{
    pid_t pid = getpid();

    E2E_CHECK(pid > 0);
    E2E_CHECK(syscall(SYS_getpid) == pid);
    e2e_say("getpid ok");
}

static void test_write_stdout(void)
{
    static const char line[] = "write ok\n";

    fflush(stdout);
    E2E_CHECK(write(STDOUT_FILENO, line, sizeof(line) - 1) ==
              (ssize_t)(sizeof(line) - 1));
}

static void test_file(void)
{
    char path[] = "/tmp/dlcall-passthru-XXXXXX";
    char data[4096];
    char back[sizeof(data)];
    int fd = mkstemp(path);

    if (fd < 0) {
        e2e_fail("mkstemp: %s", strerror(errno));
    }
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (char)(i * 13 + 1);
    }
    E2E_CHECK(write(fd, data, sizeof(data)) == (ssize_t)sizeof(data));
    E2E_CHECK(close(fd) == 0);
    fd = open(path, O_RDONLY);
    E2E_CHECK(fd >= 0);
    E2E_CHECK(read(fd, back, sizeof(back)) == (ssize_t)sizeof(back));
    E2E_CHECK(read(fd, back, 1) == 0);
    E2E_CHECK(close(fd) == 0);
    E2E_CHECK(unlink(path) == 0);
    E2E_CHECK(memcmp(data, back, sizeof(data)) == 0);
    e2e_say("file round trip ok");
}

/* Both through the raw instruction and through libc's syscall(). */
static void expect_enosys(long num)
{
    long ret = dlcall_arch_syscall4(num, DLCALL_ID_GET_HOST_ATTRIBUTE,
                                    (long)DLCALL_ATTR_EMU, 0, 0);

    if (ret != -DLCALL_ENOSYS) {
        e2e_fail("syscall %ld: sysret %ld, expected -ENOSYS", num, ret);
    }
    errno = 0;
    if (syscall(num, 0L, 0L, 0L, 0L) != -1 || errno != ENOSYS) {
        e2e_fail("syscall(%ld): errno %d, expected ENOSYS", num, errno);
    }
    e2e_say("syscall %ld: -ENOSYS", num);
}

int main(void)
{
    e2e_require_plugin();
    test_getpid();
    test_write_stdout();
    test_file();
    expect_enosys(DLCALL_SYSCALL_NUM - 1);
    expect_enosys(DLCALL_SYSCALL_NUM + 1);
    /* The plugin is still there after all that. */
    E2E_CHECK(dlcall_available() == 0);
    e2e_pass();
    return 0;
}
