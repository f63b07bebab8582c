/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * badptr: every pointer the plugin reads or writes, given as NULL, a low
 * address (0x8), an unmapped page, a read-only page, or a string that
 * runs into an unmapped page or past DLCALL_STRING_MAX: each answers
 * -EFAULT or -ENAMETOOLONG, nothing is written, and the plugin (and QEMU)
 * keep serving. Also: strings in host memory are accepted, library
 * handles libdl never gave out are refused, and a refused out pointer
 * leaves the library state alone.
 *
 * Usage: badptr <host libdlcall_testlib.so>
 */
#define E2E_FEATURE "badptr"
#include "../common/e2e.h"

#include <sys/mman.h>
#include <unistd.h>

#define LOW ((const void *)8)

static long page;
static char *unmapped;  /* a page that was mapped and is not any more */
static char *readonly;  /* a page mapped PROT_READ, all zero */
static char *edge;      /* the last page before an unmapped one */

static long raw(long id, const void *a2, long a3, const void *a4)
{
    return dlcall_syscall(id, (long)a2, a3, (long)a4);
}

static void expect(const char *what, long got, long want)
{
    if (got != want) {
        e2e_fail("%s: sysret %ld, expected %ld", what, got, want);
    }
}

static void map_pages(void)
{
    char *two;

    page = sysconf(_SC_PAGESIZE);
    unmapped = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    readonly = mmap(NULL, (size_t)page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
                    -1, 0);
    two = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    E2E_CHECK(unmapped != MAP_FAILED && readonly != MAP_FAILED && two != MAP_FAILED);
    E2E_CHECK(munmap(unmapped, (size_t)page) == 0);
    E2E_CHECK(munmap(two + page, (size_t)page) == 0);
    edge = two;
}

/* Out pointers: each bad one is refused and nothing else happens. */
static void test_out_pointers(void *lib)
{
    const void *bad[] = { NULL, LOW, unmapped, readonly };
    const char *names[] = { "NULL", "0x8", "unmapped", "read-only" };

    for (size_t i = 0; i < 4; i++) {
        char what[64];

        snprintf(what, sizeof(what), "attribute out %s", names[i]);
        expect(what, raw(DLCALL_ID_GET_HOST_ATTRIBUTE, "emu", (long)bad[i], NULL),
               -DLCALL_EFAULT);
        snprintf(what, sizeof(what), "dlopen out %s", names[i]);
        expect(what, raw(DLCALL_ID_LOAD_LIBRARY, "libm.so.6", DLCALL_RTLD_NOW, bad[i]),
               -DLCALL_EFAULT);
        snprintf(what, sizeof(what), "dlsym out %s", names[i]);
        expect(what, raw(DLCALL_ID_GET_PROC_ADDRESS, lib, (long)"dlcall_test_add", bad[i]),
               -DLCALL_EFAULT);
        snprintf(what, sizeof(what), "dlclose out %s", names[i]);
        expect(what, raw(DLCALL_ID_FREE_LIBRARY, lib, (long)bad[i], NULL), -DLCALL_EFAULT);
        snprintf(what, sizeof(what), "dlerror out %s", names[i]);
        expect(what, raw(DLCALL_ID_GET_LIBRARY_ERROR, bad[i], 0, NULL), -DLCALL_EFAULT);
    }
    /* The refused dlcloses did not close: the library still answers. */
    E2E_CHECK(e2e_add(e2e_dlsym(lib, "dlcall_test_add"), 20, 22) == 42);
    /* The refused dlopens of libm did not load it: the read-only page is untouched. */
    for (long i = 0; i < page; i++) {
        E2E_CHECK(readonly[i] == 0);
    }
    e2e_say("out pointers: NULL, 0x8, unmapped, read-only refused");
}

/* Strings: bad addresses, a string running into an unmapped page, too long. */
static void test_strings(void *lib)
{
    void *out = NULL;
    const void *bad[] = { LOW, unmapped };
    char *big = malloc(DLCALL_STRING_MAX + 64);

    E2E_CHECK(big != NULL);
    for (size_t i = 0; i < 2; i++) {
        expect("attribute key", raw(DLCALL_ID_GET_HOST_ATTRIBUTE, bad[i], (long)&out, NULL),
               -DLCALL_EFAULT);
        expect("dlopen path", raw(DLCALL_ID_LOAD_LIBRARY, bad[i], DLCALL_RTLD_NOW, &out),
               -DLCALL_EFAULT);
        expect("dlsym name", raw(DLCALL_ID_GET_PROC_ADDRESS, lib, (long)bad[i], &out),
               -DLCALL_EFAULT);
    }
    expect("dlsym NULL name", raw(DLCALL_ID_GET_PROC_ADDRESS, lib, 0, &out), -DLCALL_EFAULT);

    /* No NUL before the unmapped page. */
    memset(edge, 'x', (size_t)page);
    expect("key into an unmapped page",
           raw(DLCALL_ID_GET_HOST_ATTRIBUTE, edge + page - 100, (long)&out, NULL), -DLCALL_EFAULT);
    expect("name into an unmapped page",
           raw(DLCALL_ID_GET_PROC_ADDRESS, lib, (long)(edge + 10), &out), -DLCALL_EFAULT);
    /* A NUL in the very last byte is fine. */
    edge[page - 1] = 0;
    out = (void *)1;
    expect("key ending at the page end",
           raw(DLCALL_ID_GET_HOST_ATTRIBUTE, edge + 10, (long)&out, NULL), 0);
    E2E_CHECK(out == NULL);

    /* DLCALL_STRING_MAX - 1 characters fit; one more does not. */
    memset(big, 'a', DLCALL_STRING_MAX + 63);
    big[DLCALL_STRING_MAX + 63] = 0;
    expect("too long a path", raw(DLCALL_ID_LOAD_LIBRARY, big, DLCALL_RTLD_NOW, &out),
           -DLCALL_ENAMETOOLONG);
    big[DLCALL_STRING_MAX] = 0;
    expect("a name of DLCALL_STRING_MAX characters",
           raw(DLCALL_ID_GET_PROC_ADDRESS, lib, (long)big, &out), -DLCALL_ENAMETOOLONG);
    big[DLCALL_STRING_MAX - 1] = 0;
    out = (void *)1;
    expect("a name of DLCALL_STRING_MAX - 1 characters",
           raw(DLCALL_ID_GET_PROC_ADDRESS, lib, (long)big, &out), 0);
    E2E_CHECK(out == NULL);
    (void)dlcall_dlerror();
    free(big);
    e2e_say("strings: bad addresses, unterminated at a page end, too long refused");
}

/* Handles: only ones libdl gave out (or RTLD_DEFAULT) reach dlsym/dlclose. */
static void test_handles(void)
{
    void *out = NULL;
    int result = 0;
    char fake[64] = { 0 };
    const void *bad[] = { LOW, unmapped, fake, (const void *)-2L };

    out = (void *)1; /* a refused call writes nothing */
    for (size_t i = 0; i < 4; i++) {
        expect("dlsym bad handle",
               raw(DLCALL_ID_GET_PROC_ADDRESS, bad[i], (long)"malloc", &out), -DLCALL_EFAULT);
        expect("dlclose bad handle",
               raw(DLCALL_ID_FREE_LIBRARY, bad[i], (long)&result, NULL), -DLCALL_EFAULT);
    }
    expect("dlclose NULL", raw(DLCALL_ID_FREE_LIBRARY, NULL, (long)&result, NULL), -DLCALL_EFAULT);
    E2E_CHECK(out == (void *)1 && result == 0);
    out = NULL;
    expect("dlsym RTLD_DEFAULT", raw(DLCALL_ID_GET_PROC_ADDRESS, NULL, (long)"malloc", &out), 0);
    E2E_CHECK(out != NULL);
    e2e_say("handles: made-up ones refused, RTLD_DEFAULT served");
}

/* A string in host memory (the plugin's own answer) is a valid string. */
static void test_host_memory(void)
{
    const char *value = NULL;
    const char *again = (const char *)1;

    expect("attribute emu", raw(DLCALL_ID_GET_HOST_ATTRIBUTE, "emu", (long)&value, NULL), 0);
    E2E_CHECK(value != NULL);
    expect("host string as key",
           raw(DLCALL_ID_GET_HOST_ATTRIBUTE, value, (long)&again, NULL), 0);
    E2E_CHECK(again == NULL); /* "qemu" is no key */
    e2e_say("host memory: a host string is read");
}

static void test_fast_block(void)
{
    if (dlcall_host_attribute(DLCALL_ATTR_FAST_PATH) == NULL) {
        e2e_say("fast block: no fast path, skipped");
        return;
    }
    expect("fast block 0x8", raw(DLCALL_ID_REGISTER_FAST_BLOCK, LOW, 0, NULL), -DLCALL_EFAULT);
    expect("fast block unmapped",
           raw(DLCALL_ID_REGISTER_FAST_BLOCK, unmapped, 0, NULL), -DLCALL_EFAULT);
    expect("fast block read-only",
           raw(DLCALL_ID_REGISTER_FAST_BLOCK, readonly, 0, NULL), -DLCALL_EFAULT);
    expect("fast block at a page end",
           raw(DLCALL_ID_REGISTER_FAST_BLOCK, edge + page - 16, 0, NULL), -DLCALL_EFAULT);
    e2e_say("fast block: bad blocks refused");
}

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    void *lib;

    e2e_require_plugin();
    map_pages();
    lib = e2e_dlopen(path);
    test_out_pointers(lib);
    test_strings(lib);
    test_handles();
    test_host_memory();
    test_fast_block();
    expect("INVOKE NULL fn", raw(DLCALL_ID_INVOKE_PROC, NULL, 0, NULL), -DLCALL_EFAULT);
    /* Still serving, on both paths. */
    E2E_CHECK(e2e_add(e2e_dlsym(lib, "dlcall_test_add"), 2, 3) == 5);
    E2E_CHECK(dlcall_dlclose(lib) == 0);
    e2e_pass();
    return 0;
}
