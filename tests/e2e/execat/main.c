/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execat: the exec forms a shell does not use, for exec following
 * (docs/HowItWorks.md, "Exec following"). Every mode execs and reports an
 * error only when the exec returns.
 *
 *   execat argv0                     prints "argv0=<argv[0]>"
 *   execat fexecve PATH ARG...       fexecve of PATH opened O_CLOEXEC
 *   execat fexecve-keep PATH ARG...  the same, the fd left open
 *   execat at DIR NAME ARG...        execveat(open(DIR), NAME)
 *   execat nofollow PATH ARG...      execveat(AT_FDCWD, PATH, AT_SYMLINK_NOFOLLOW)
 *   execat self NAME                 execve("/proc/self/exe", {NAME, "argv0"})
 *
 * ARG... is the new program's argv, argv[0] included.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

static int failed(const char *what)
{
    printf("%s: errno %d\n", what, errno);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "argv0") == 0) {
        printf("argv0=%s\n", argv[0]);
        return 0;
    }
    if (argc >= 4 && strncmp(argv[1], "fexecve", 7) == 0) {
        int keep = strcmp(argv[1], "fexecve-keep") == 0;
        int fd = open(argv[2], O_RDONLY | (keep ? 0 : O_CLOEXEC));

        if (fd < 0) {
            return failed("open");
        }
        fexecve(fd, argv + 3, environ);
        return failed("fexecve");
    }
    if (argc >= 5 && strcmp(argv[1], "at") == 0) {
        int dir = open(argv[2], O_RDONLY | O_DIRECTORY | O_CLOEXEC);

        if (dir < 0) {
            return failed("open");
        }
        syscall(SYS_execveat, dir, argv[3], argv + 4, environ, 0);
        return failed("execveat");
    }
    if (argc >= 4 && strcmp(argv[1], "nofollow") == 0) {
        syscall(SYS_execveat, AT_FDCWD, argv[2], argv + 3, environ, AT_SYMLINK_NOFOLLOW);
        return failed("execveat");
    }
    if (argc == 3 && strcmp(argv[1], "self") == 0) {
        char *args[] = { argv[2], "argv0", NULL };

        execve("/proc/self/exe", args, environ);
        return failed("execve");
    }
    fprintf(stderr, "usage: execat argv0|fexecve|fexecve-keep|at|nofollow|self ...\n");
    return 2;
}
