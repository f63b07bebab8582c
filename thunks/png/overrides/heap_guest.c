/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest half of heap_host.c: reserves the address space libpng's memory
 * comes from, so QEMU knows its pages as the guest's (a program fread()s
 * into png_malloc'd memory). MAP_NORESERVE: only touched pages cost.
 * DLCALL_PNG_HEAP_MIB sizes it (default 16 GiB of address space).
 */
#include <sys/mman.h>

static void dlcall_guest_init(void)
{
    const char *env = getenv("DLCALL_PNG_HEAP_MIB");
    uint64_t mib = env != NULL && env[0] != '\0' ? strtoull(env, NULL, 0) : 16384;
    uint64_t a[2] = { 0, mib << 20 };
    void *base = mmap(NULL, a[1], PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

    if (base == MAP_FAILED) {
        fprintf(stderr, "dlcall: libpng16.so.16: cannot reserve %llu MiB for libpng's memory: %s\n"
                "dlcall: set DLCALL_PNG_HEAP_MIB lower\n", (unsigned long long)mib, strerror(errno));
        exit(127);
    }
    a[0] = (uint64_t)(uintptr_t)base;
    dlcall_invoke(dlcall__host_fn("dlcall_png_heap"), a, NULL);
}
