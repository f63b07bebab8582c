/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * syscallnum: the plugin listens on the number given with
 * `-plugin libdlcall.so,syscall_num=N` and on no other. Built with the
 * default DLCALL_SYSCALL_NUM, so it calls dlcall_arch_syscall4() with
 * explicit numbers.
 *
 * Usage: syscallnum <N>   (N as the plugin option: decimal, 0x.., 0..)
 */
#define E2E_FEATURE "syscallnum"
#include "../common/e2e.h"

/* GET_HOST_ATTRIBUTE "emu" on syscall @num; returns the sysret. */
static long ask_emu(long num, const char **value)
{
    *value = NULL;
    return dlcall_arch_syscall4(num, DLCALL_ID_GET_HOST_ATTRIBUTE,
                                (long)DLCALL_ATTR_EMU, (long)value, 0);
}

static long parse_num(const char *arg)
{
    char *end;
    unsigned long long num = strtoull(arg, &end, 0);

    if (*arg == '\0' || *end != '\0' || num < DLCALL_SYSCALL_NUM_MIN ||
        num > (unsigned long long)INT64_MAX) {
        fprintf(stderr, "syscallnum: bad syscall number '%s'\n", arg);
        exit(2);
    }
    return (long)num;
}

static void expect_silent(long num)
{
    const char *value;
    long ret = ask_emu(num, &value);

    if (ret != -DLCALL_ENOSYS) {
        e2e_fail("syscall %ld: sysret %ld, expected -ENOSYS", num, ret);
    }
    e2e_say("syscall %ld: -ENOSYS", num);
}

int main(int argc, char **argv)
{
    char copy[64];
    const char *value;
    long num;
    long ret;

    if (argc < 2) {
        fprintf(stderr, "usage: %s <syscall_num>\n", argv[0]);
        return 2;
    }
    num = parse_num(argv[1]);
    ret = ask_emu(num, &value);
    if (ret == -DLCALL_ENOSYS) {
        /* Maybe the plugin is there but on the default number. */
        if (num != DLCALL_SYSCALL_NUM_DEFAULT &&
            ask_emu(DLCALL_SYSCALL_NUM_DEFAULT, &value) == 0) {
            e2e_fail("the plugin answers %d, not %ld",
                     DLCALL_SYSCALL_NUM_DEFAULT, num);
        }
        e2e_say("SKIP no plugin");
        return E2E_EXIT_SKIP;
    }
    /* The answer is host memory: copy it before libc reads it. */
    if (value != NULL) {
        value = dlcall_copy_host_string(copy, value, sizeof(copy));
    }
    if (ret != 0 || value == NULL || strcmp(value, DLCALL_ATTR_EMU_VALUE)) {
        e2e_fail("syscall %ld: sysret %ld, emu = '%s'", num, ret,
                 e2e_str(value));
    }
    e2e_say("syscall %ld: emu = %s", num, value);
    if (num != DLCALL_SYSCALL_NUM_DEFAULT) {
        expect_silent(DLCALL_SYSCALL_NUM_DEFAULT);
    }
    /* Neighbours: the plugin must compare the whole number. */
    if (num < INT64_MAX) {
        expect_silent(num + 1);
    }
    if (num - 1 != DLCALL_SYSCALL_NUM_DEFAULT) {
        expect_silent(num - 1);
    }
    e2e_pass();
    return 0;
}
