// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Annotations;

/// <summary>
/// The spec's guestHeap (docs/ThunkGen.md): host malloc'd pages are unknown to QEMU, so a guest system
/// call on memory the library returned (a write(2) of an SQLite column, a read(2) into OPENSSL_malloc'd
/// memory) fails with EFAULT. The stub's constructor reserves address space (MAP_NORESERVE: only
/// touched pages cost), the host adds it to the host runtime's heap (dlcall_host.h) and points the
/// library's allocator at it, before the program can call the library.
/// </summary>
internal static class GuestHeapEmitter
{
    /// <summary>The host function the stub calls with (base, size).</summary>
    public const string HostName = "dlcall__heap_install";

    // template: static void dlcall__guest_heap(void *lib, const char *path) { mmap; dlcall_invoke(dlcall__heap_install) }
    public static void Guest(CWriter w, LibrarySpec spec, GuestHeap h)
    {
        w.Line("#include <sys/mman.h>").Line();
        w.Line($"/* The address space {h.What} comes from (spec guestHeap), before the program can call the library. */");
        w.Function("static void dlcall__guest_heap(void *lib, const char *path)", () =>
        {
            w.Line($"const char *env = getenv(\"{h.Env}\");");
            w.Line("uint64_t mib = env != NULL && env[0] != '\\0' ? strtoull(env, NULL, 0) : 16384;");
            w.Line("uint64_t a[2] = { 0, mib << 20 };");
            w.Line($"dlcall_fn install = (dlcall_fn)dlcall_dlsym(lib, \"{HostName}\");");
            w.Line("void *base;");
            w.Line("int64_t rc = -1;");
            w.Line();
            w.Block("if (install == NULL)", () => w.Line($"dlcall__load_failed(\"{HostName}\", path);"));
            w.Line("base = mmap(NULL, a[1], PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);");
            w.Block("if (base == MAP_FAILED)", () =>
            {
                w.Line($"fprintf(stderr, \"dlcall: {spec.Soname}: cannot reserve %llu MiB for {h.What}: %s\\n\"");
                w.Line($"        \"dlcall: set {h.Env} lower\\n\", (unsigned long long)mib, strerror(errno));");
                w.Line("exit(127);");
            });
            w.Line("a[0] = (uint64_t)(uintptr_t)base;");
            w.Line("dlcall_invoke(install, a, &rc);");
            w.Block($"if (rc != (int64_t)({h.InstalledValue}))", () =>
            {
                w.Line($"fprintf(stderr, \"dlcall: {spec.Soname}: the host library refused its allocator (%lld)\\n\", (long long)rc);");
                w.Line("exit(127);");
            });
        });
    }

    // template: static void *dlcall__heap_malloc(size_t n, const char *t0, int t1) { (void)t0; (void)t1; return dlcall_rt_heap_alloc(n); } ...
    // trailingArgs: the heap's functions with the extra arguments a library's allocator hooks get
    // (OpenSSL's file and line), ignored, for install to name.
    private static void Adapters(CWriter w, IReadOnlyList<string> trailing)
    {
        string extra = string.Concat(trailing.Select((t, i) => ", " + CDecl.Declare(t, $"t{i}")));
        void Unused() { for (int i = 0; i < trailing.Count; i++) w.Line($"(void)t{i};"); }
        w.Line("/* The heap's functions with the library's trailing arguments (spec guestHeap.trailingArgs). */");
        w.Function($"static void *dlcall__heap_malloc(size_t n{extra})", () => { Unused(); w.Line("return dlcall_rt_heap_alloc(n);"); });
        w.Function($"static void dlcall__heap_free(void *q{extra})", () => { Unused(); w.Line("dlcall_rt_heap_free(q);"); });
        // Size 0 frees, as glibc's realloc and OpenSSL's own CRYPTO_realloc do; the heap's realloc keeps the block.
        w.Function($"static void *dlcall__heap_realloc(void *q, size_t n{extra})", () =>
        {
            Unused();
            w.Block("if (q != NULL && n == 0)", () => w.Line("dlcall_rt_heap_free(q);").Line("return NULL;"));
            w.Line("return dlcall_rt_heap_realloc(q, n);");
        });
    }

    // template: void dlcall__heap_install(void *args, void *ret) { dlcall_rt_heap_add(base, size); *ret = INSTALL; }
    public static void Host(CWriter w, LibrarySpec spec, GuestHeap h)
    {
        if (h.TrailingArgs is { } trailing) Adapters(w, trailing);
        var slots = h.GotSlots ?? new Dictionary<string, string>();
        // gotSlots: the patch's count is the install's result, unless the spec installs more itself.
        string install = h.Install ?? (slots.Count > 0 ? "dlcall_rt_patch_got(got_soname, got_names, got_to, " + slots.Count + ")" : "0");
        w.Line("/* The region the stub reserved (spec guestHeap), and the library's allocator pointed at it. */");
        w.Function($"void {HostName}(void *args, void *ret)", () =>
        {
            w.Line("const uint64_t *a = args;");
            if (slots.Count > 0)
            {
                // template: static const char *const got_names[] = { "jpeg_get_small", ... }; void *const got_to[] = { (void *)dlcall_rt_heap_ctx_alloc, ... };
                w.Line($"static const char got_soname[] = \"{spec.Soname}\";");
                w.Line($"static const char *const got_names[{slots.Count}] = {{ {string.Join(", ", slots.Keys.Select(k => $"\"{k}\""))} }};");
                w.Line($"void *const got_to[{slots.Count}] = {{ {string.Join(", ", slots.Values.Select(v => $"(void *){v}"))} }};");
            }
            w.Line();
            w.Line("dlcall_rt_heap_add(a[0], a[1]);");
            if (slots.Count > 0 && h.Install != null)
                w.Block($"if (dlcall_rt_patch_got(got_soname, got_names, got_to, {slots.Count}) != {slots.Count})", () =>
                    w.Line("*(int64_t *)ret = -1;").Line("return;"));
            w.Line($"*(int64_t *)ret = (int64_t)({install});");
        });
    }
}
