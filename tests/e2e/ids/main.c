/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ids: every operation ID through the raw syscall, with its sysret and
 * out value, against the host test library (argv[1]) and the host's libc
 * and libm; then the error answers: unknown IDs give -EINVAL, NULL out
 * pointers and a NULL function give -EFAULT, and the plugin keeps serving.
 *
 * Usage: ids <host libdlcall_testlib.so>
 */
#define E2E_FEATURE "ids"
#include "../common/e2e.h"

/* Out values start as a sentinel, so a call that writes nothing shows. */
#define SENTINEL ((void *)0x5a5a5a5a5a5a5a5aUL)

static long raw(long id, const void *a2, long a3, const void *a4)
{
    return dlcall_syscall(id, (long)a2, a3, (long)a4);
}

static void check_sysret(const char *what, long got, long want)
{
    if (got != want) {
        e2e_fail("%s: sysret %ld, expected %ld", what, got, want);
    }
}

/*
 * Raw answers point into host memory, which guest libc may not read
 * (SVE loads fault on it under qemu-aarch64): copy them first.
 */
static const char *host_string(const char *host, char *buf, size_t size)
{
    return host == NULL ? "(null)" : dlcall_copy_host_string(buf, host, size);
}

static void test_attributes(void)
{
    const char *value = SENTINEL;
    char copy[64];

    check_sysret("GET_HOST_ATTRIBUTE emu",
                 raw(DLCALL_ID_GET_HOST_ATTRIBUTE, "emu", (long)&value, NULL),
                 0);
    if (value == SENTINEL) {
        e2e_fail("attribute emu: out not written");
    }
    host_string(value, copy, sizeof(copy));
    if (value == NULL || strcmp(copy, DLCALL_ATTR_EMU_VALUE) != 0) {
        e2e_fail("attribute emu = '%s'", copy);
    }
    value = SENTINEL;
    check_sysret("GET_HOST_ATTRIBUTE unknown",
                 raw(DLCALL_ID_GET_HOST_ATTRIBUTE, "no.such.key", (long)&value,
                     NULL),
                 0);
    if (value != NULL) {
        e2e_fail("unknown attribute answered '%s'",
                 value == SENTINEL ? "(not written)"
                                   : host_string(value, copy, sizeof(copy)));
    }
    e2e_say("attribute emu = %s", DLCALL_ATTR_EMU_VALUE);
    /* Optional keys: reported, not required. */
    e2e_say("attribute %s = %s", DLCALL_ATTR_VERSION,
            e2e_str(dlcall_host_attribute(DLCALL_ATTR_VERSION)));
    e2e_say("attribute %s = %s", DLCALL_ATTR_HOST_ARCH,
            e2e_str(dlcall_host_attribute(DLCALL_ATTR_HOST_ARCH)));
}

static void *load(const char *path, long flags)
{
    void *handle = SENTINEL;

    check_sysret("LOAD_LIBRARY",
                 raw(DLCALL_ID_LOAD_LIBRARY, path, flags, &handle), 0);
    if (handle == NULL || handle == SENTINEL) {
        e2e_fail("LOAD_LIBRARY %s gave %p", path, handle);
    }
    return handle;
}

static void *resolve(void *handle, const char *name)
{
    void *sym = SENTINEL;

    check_sysret("GET_PROC_ADDRESS",
                 raw(DLCALL_ID_GET_PROC_ADDRESS, handle, (long)name, &sym), 0);
    if (sym == NULL || sym == SENTINEL) {
        e2e_fail("GET_PROC_ADDRESS %s gave %p", name, sym);
    }
    return sym;
}

static void unload(void *handle)
{
    int result = 12345;

    check_sysret("FREE_LIBRARY",
                 raw(DLCALL_ID_FREE_LIBRARY, handle, (long)&result, NULL), 0);
    if (result != 0) {
        e2e_fail("FREE_LIBRARY gave %d", result);
    }
}

static void invoke(void *fn, void *a, void *b)
{
    check_sysret("INVOKE_PROC", raw(DLCALL_ID_INVOKE_PROC, fn, (long)a, b), 0);
}

static void test_add(void *add)
{
    static const int64_t cases[][2] = {
        { 40, 2 }, { -5, 3 }, { INT64_MAX, 1 }, { INT64_MIN, -1 }, { 0, 0 },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct dlcall_test_add_args args = { cases[i][0], cases[i][1] };
        int64_t sum = 777;

        invoke(add, &args, &sum);
        if (sum != e2e_wrap_add(args.a, args.b)) {
            e2e_fail("add(%lld, %lld) = %lld", (long long)args.a,
                     (long long)args.b, (long long)sum);
        }
    }
    e2e_say("invoke add ok");
}

static void test_strlen(void *fn)
{
    struct dlcall_test_strlen_args args = { "hello, dlcall" };
    size_t len = 999;

    invoke(fn, &args, &len);
    E2E_CHECK(len == 13);
    args.s = "";
    invoke(fn, &args, &len);
    E2E_CHECK(len == 0);
    e2e_say("invoke strlen ok");
}

/* The host writes straight into guest memory, and only where asked. */
static void test_fill(void *fn)
{
    unsigned char buf[96];
    struct dlcall_test_fill_args args = { buf + 16, 64, 7 };
    size_t written = 0;

    memset(buf, 0xee, sizeof(buf));
    invoke(fn, &args, &written);
    E2E_CHECK(written == 64);
    for (size_t i = 0; i < sizeof(buf); i++) {
        unsigned char want = i >= 16 && i < 80
            ? dlcall_test_fill_byte(7, i - 16) : 0xee;

        if (buf[i] != want) {
            e2e_fail("fill: buf[%zu] = %#x, expected %#x", i, buf[i], want);
        }
    }
    e2e_say("invoke fill ok");
}

static void test_library_error(void)
{
    const char *msg = SENTINEL;
    char copy[256];

    check_sysret("GET_LIBRARY_ERROR",
                 raw(DLCALL_ID_GET_LIBRARY_ERROR, &msg, 0, NULL), 0);
    /* Every libdl call so far succeeded, so no error is pending. */
    if (msg != NULL) {
        e2e_fail("GET_LIBRARY_ERROR gave '%s'",
                 msg == SENTINEL ? "(not written)"
                                 : host_string(msg, copy, sizeof(copy)));
    }
}

static void test_testlib(const char *path)
{
    void *lib = load(path, DLCALL_RTLD_NOW);
    /* flags are the low 32 bits of a3: the high bits must not matter. */
    void *again = load(path, (long)(0xffffffff00000000UL | DLCALL_RTLD_NOW));

    E2E_CHECK(again == lib);
    test_add(resolve(lib, "dlcall_test_add"));
    test_strlen(resolve(lib, "dlcall_test_strlen"));
    test_fill(resolve(lib, "dlcall_test_fill"));
    invoke(resolve(lib, "dlcall_test_noop"), NULL, NULL);
    test_library_error();
    unload(again);
    unload(lib);
    e2e_say("test library ok");
}

static void test_host_libs(void)
{
    void *libc = load("libc.so.6", DLCALL_RTLD_NOW);
    void *libm = load("libm.so.6", DLCALL_RTLD_NOW);

    resolve(libc, "getpid");
    resolve(libm, "cos");
    unload(libm);
    unload(libc);
    e2e_say("host libc and libm ok");
}

static void test_unknown_ids(void)
{
    static const long ids[] = { 7, 99, -1, 1L << 32, (1L << 32) | 1 };
    const char *out = SENTINEL;

    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        long ret = raw(ids[i], "emu", (long)&out, &out);

        if (ret != -DLCALL_EINVAL) {
            e2e_fail("ID %#lx: sysret %ld, expected -EINVAL", ids[i], ret);
        }
    }
    E2E_CHECK(out == SENTINEL);
    e2e_say("unknown ids ok");
}

static void test_null_outs(const char *path)
{
    void *lib = load(path, DLCALL_RTLD_NOW);

    check_sysret("GET_HOST_ATTRIBUTE out NULL",
                 raw(DLCALL_ID_GET_HOST_ATTRIBUTE, "emu", 0, NULL),
                 -DLCALL_EFAULT);
    check_sysret("LOAD_LIBRARY out NULL",
                 raw(DLCALL_ID_LOAD_LIBRARY, path, DLCALL_RTLD_NOW, NULL),
                 -DLCALL_EFAULT);
    check_sysret("GET_PROC_ADDRESS out NULL",
                 raw(DLCALL_ID_GET_PROC_ADDRESS, lib, (long)"dlcall_test_add",
                     NULL),
                 -DLCALL_EFAULT);
    check_sysret("FREE_LIBRARY out NULL",
                 raw(DLCALL_ID_FREE_LIBRARY, lib, 0, NULL), -DLCALL_EFAULT);
    check_sysret("GET_LIBRARY_ERROR out NULL",
                 raw(DLCALL_ID_GET_LIBRARY_ERROR, NULL, 0, NULL),
                 -DLCALL_EFAULT);
    check_sysret("INVOKE_PROC fn NULL",
                 raw(DLCALL_ID_INVOKE_PROC, NULL, 0, NULL), -DLCALL_EFAULT);
    /* Still serving, and the handle still works. */
    test_attributes();
    resolve(lib, "dlcall_test_add");
    unload(lib);
    e2e_say("null out pointers ok");
}

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);

    e2e_require_plugin();
    test_attributes();
    test_testlib(path);
    test_host_libs();
    test_unknown_ids();
    test_null_outs(path);
    e2e_pass();
    return 0;
}
