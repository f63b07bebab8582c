/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dlcall_rt_patch_got (dlcall_host.h): a loaded host library's PLT slots
 * pointed at other functions. Spec guestHeap.gotSlots uses it where a
 * library has no allocator hook but calls its own allocation functions
 * through the PLT (libjpeg's jmemnobs.c jpeg_get_small/jpeg_get_large):
 * only that library's calls change, not the process's malloc. Before,
 * libjpeg's jpeg_host.c carried this walk itself.
 */
#define _GNU_SOURCE
#include <link.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "dlcall_host.h"

struct got_patch {
    const char *soname;
    const char *const *names;
    void *const *to;
    int n;
    int patched; /* -1 until the object is found with a PLT */
};

static int patch_object(struct dl_phdr_info *info, size_t size, void *data)
{
    struct got_patch *g = data;
    const ElfW(Dyn) *dyn = NULL;
    const ElfW(Rela) *rel = NULL;
    const ElfW(Sym) *sym = NULL;
    const char *str = NULL, *slash = strrchr(info->dlpi_name, '/');
    size_t relsz = 0;
    uintptr_t relro = 0, relro_end = 0;
    long page = sysconf(_SC_PAGESIZE);

    (void)size;
    if (slash == NULL || strncmp(slash + 1, g->soname, strlen(g->soname)) != 0) {
        return 0;
    }
    for (int i = 0; i < info->dlpi_phnum; i++) {
        if (info->dlpi_phdr[i].p_type == PT_DYNAMIC) {
            dyn = (const ElfW(Dyn) *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
        }
        if (info->dlpi_phdr[i].p_type == PT_GNU_RELRO) {
            relro = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
            relro_end = relro + info->dlpi_phdr[i].p_memsz;
        }
    }
    for (; dyn != NULL && dyn->d_tag != DT_NULL; dyn++) {
        /* ld.so relocates these in place on x86_64; an unrelocated one is below the base. */
        uintptr_t v = dyn->d_un.d_ptr < info->dlpi_addr ? info->dlpi_addr + dyn->d_un.d_ptr : dyn->d_un.d_ptr;

        switch (dyn->d_tag) {
        case DT_JMPREL: rel = (const ElfW(Rela) *)v; break;
        case DT_PLTRELSZ: relsz = dyn->d_un.d_val; break;
        case DT_SYMTAB: sym = (const ElfW(Sym) *)v; break;
        case DT_STRTAB: str = (const char *)v; break;
        }
    }
    if (rel == NULL || sym == NULL || str == NULL) {
        return 1;
    }
    g->patched = 0;
    for (size_t i = 0; i < relsz / sizeof(*rel); i++) {
        const char *name = str + sym[ELF64_R_SYM(rel[i].r_info)].st_name;
        void **slot = (void **)(info->dlpi_addr + rel[i].r_offset);
        void *start = (void *)((uintptr_t)slot & ~(uintptr_t)(page - 1));
        int k = 0;

        while (k < g->n && strcmp(name, g->names[k]) != 0) {
            k++;
        }
        if (k == g->n) {
            continue;
        }
        /* A slot ld.so made read-only (RELRO, bound at load: libjpeg is BIND_NOW) is opened and
         * closed again; any other slot is in a writable .got.plt that lazy binding still writes to,
         * so its page must stay writable. */
        int in_relro = (uintptr_t)slot >= relro && (uintptr_t)slot < relro_end;

        if (in_relro && mprotect(start, (size_t)page, PROT_READ | PROT_WRITE) != 0) {
            return 1;
        }
        *slot = g->to[k];
        if (in_relro) {
            mprotect(start, (size_t)page, PROT_READ);
        }
        g->patched++;
    }
    return 1;
}

int dlcall_rt_patch_got(const char *soname, const char *const *names, void *const *to, int n)
{
    struct got_patch g = { soname, names, to, n, -1 };

    dl_iterate_phdr(patch_object, &g);
    return g.patched;
}
