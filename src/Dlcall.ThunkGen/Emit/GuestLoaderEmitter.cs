// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// The stub's ELF constructor: checks for the plugin, loads the host runtime and the host thunk
/// library through dlcall, resolves every thunk (in one request) and hands the host the guest callback invokers.
/// Any failure is one clear message naming the library and what to run, then exit 127.
/// </summary>
internal static class GuestLoaderEmitter
{
    /// <summary>File name of the host thunk library for <paramref name="spec"/>.</summary>
    public static string HostLibraryName(LibrarySpec spec) => $"libdlcall_thunk_{spec.Library}.so";

    // template: __attribute__((constructor)) static void dlcall__load(void) { ... dlcall_dlopen(dir "/libdlcall_thunk_zlib.so") ... }
    public static void Emit(CWriter w, LibrarySpec spec, BoundaryPlan plan, string defaultHostDir)
    {
        string soname = spec.Soname;
        w.Function("static void dlcall__load_failed(const char *what, const char *path)", () =>
        {
            // Once: dlerror() answers a message once, then NULL.
            w.Line("const char *why = dlcall_dlerror();");
            w.Line();
            w.Line($"fprintf(stderr, \"dlcall: {soname}: cannot load %s %s: %s\\n\"");
            w.Line($"        \"dlcall: set DLCALL_HOST_DIR to the directory holding libdlcall_host.so and {HostLibraryName(spec)}\\n\",");
            w.Line("        what, path, why ? why : \"(no message)\");");
            w.Line("exit(127);");
        });
        if (spec.RequiredSonames.Count > 0) Requires(w, spec);
        if (spec.GuestHeap is { } heap) Annotations.GuestHeapEmitter.Guest(w, spec, heap);
        w.Line("__attribute__((constructor))");
        w.Function("static void dlcall__load(void)", () =>
        {
            w.Line("const char *dir = getenv(\"DLCALL_HOST_DIR\");");
            w.Line("char path[4096];");
            w.Line("void *lib;");
            w.Line("dlcall_fn lookup;");
            w.Line();
            w.Block("if (dir == NULL || dir[0] == '\\0')", () => w.Line($"dir = \"{Escape(defaultHostDir)}\";"));
            w.Block("if (dlcall_available() != 0)", () =>
            {
                w.Line($"fprintf(stderr, \"dlcall: {soname} here is dlcall's stub for the host's {spec.HostLibrary ?? soname}, \"");
                w.Line("        \"but the dlcall QEMU plugin is not loaded: run the program with `dlcall run`, \"");
                w.Line("        \"or under qemu with -plugin libdlcall.so\\n\");");
                w.Line("exit(127);");
            });
            w.Line("snprintf(path, sizeof(path), \"%s/libdlcall_host.so\", dir);");
            w.Block("if (dlcall_host_runtime_load(&dlcall__rt, path) != 0)", () => w.Line("dlcall__load_failed(\"the host runtime\", path);"));
            w.Line($"snprintf(path, sizeof(path), \"%s/{HostLibraryName(spec)}\", dir);");
            // Lazy: binding every thunk's call into the host library at load (5,172 for libcrypto)
            // cost ~1.6 ms of each start-up; a thunk binds on its first call instead. Every callee
            // was checked against the host library when the thunks were generated and linked.
            w.Line("lib = dlcall_dlopen(path, DLCALL_RTLD_LAZY);");
            w.Block("if (lib == NULL)", () => w.Line("dlcall__load_failed(\"the host thunks\", path);"));
            if (Annotations.AnnotationEmitter.NeedsHostLookup(spec)) w.Line("dlcall__lib = lib;");
            HostEquivalentEmitter.Resolve(w, spec);
            // Every thunk in one copy of the host library's table (ThunkTableEmitter); from a host
            // library of another generation, in one request by name; a host library without the
            // lookup (or a name it lacks) is asked name by name, so a missing thunk is reported by name.
            ThunkTableEmitter.Guest(w, plan);
            w.Block("if (!filled)", () =>
            {
                w.Line($"lookup = (dlcall_fn)dlcall_dlsym(lib, \"{HostThunkEmitter.LookupName}\");");
                w.Block("if (lookup != NULL)", () =>
                {
                    w.Line("struct { uint64_t count; uint64_t names; uint64_t out; } q = { sizeof(dlcall__thunk) / sizeof(dlcall__thunk[0]),");
                    w.Line("    (uint64_t)(uintptr_t)dlcall__thunk_name, (uint64_t)(uintptr_t)dlcall__thunk };");
                    w.Line();
                    w.Line("dlcall_invoke(lookup, &q, NULL);");
                });
            });
            w.Block("for (size_t i = 0; i < sizeof(dlcall__thunk) / sizeof(dlcall__thunk[0]) && dlcall__thunk_name[i]; i++)", () =>
            {
                w.Block("if (dlcall__thunk[i] == NULL)", () => w.Line("dlcall__thunk[i] = (dlcall_fn)dlcall_dlsym(lib, dlcall__thunk_name[i]);"));
                w.Block("if (dlcall__thunk[i] == NULL)", () => w.Line("dlcall__load_failed(dlcall__thunk_name[i], path);"));
            });
            if (plan.Signatures.Count > 0)
            {
                // template: struct { uint64_t count; uint64_t fn[K]; } inv = { K, { (uint64_t)(uintptr_t)dlcall__invoke_cb0, ... } };
                w.Line($"struct {{ uint64_t count; uint64_t fn[{plan.Signatures.Count}]; }} inv = {{ {plan.Signatures.Count}, {{");
                foreach (var s in plan.Signatures) w.Line($"    (uint64_t)(uintptr_t)dlcall__invoke_cb{s.Id},");
                w.Line("} };");
                w.Line("dlcall_fn reg = (dlcall_fn)dlcall_dlsym(lib, \"dlcall_register_invokers\");");
                w.Line();
                w.Block("if (reg == NULL)", () => w.Line("dlcall__load_failed(\"dlcall_register_invokers\", path);"));
                w.Line("dlcall_invoke(reg, &inv, NULL);");
            }
            if (spec.RequiredSonames.Count > 0) w.Line("dlcall__requires();");
            if (spec.GuestHeap != null) w.Line("dlcall__guest_heap(lib, path);");
            if (spec.GuestInit != null) w.Line("dlcall_guest_init();");
        });
    }

    // template: static void dlcall__requires(void) { dlopen(<this stub's directory>/libcrypto.so.3, RTLD_NOLOAD) or exit }
    // spec requires: this library's objects live in another's host copy (libssl's in libcrypto's), so
    // the stub runs only next to that library's stub, from the same directory (dlcall run's overlay),
    // already loaded: a guest copy of it handed those objects would read host memory as its own.
    private static void Requires(CWriter w, LibrarySpec spec)
    {
        string needed = string.Join(", ", spec.RequiredSonames);
        string passthrough = string.Join(",", spec.Requires.Append(spec.Library));
        w.Line("#include <dlfcn.h>").Line();
        w.Function("static void dlcall__requires(void)", () =>
        {
            w.Line($"static const char *const need[] = {{ {string.Join(", ", spec.RequiredSonames.Select(n => $"\"{n}\""))} }};");
            w.Line("Dl_info self;");
            w.Line("char path[4096];");
            w.Line("const char *slash;");
            w.Line();
            w.Block("for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)", () =>
            {
                w.Line("void *h = NULL;");
                w.Line();
                // By file, not by name: a loaded object is found by its device and inode.
                w.Block("if (dladdr((const void *)dlcall__requires, &self) != 0 && self.dli_fname != NULL && (slash = strrchr(self.dli_fname, '/')) != NULL)", () =>
                {
                    w.Line("snprintf(path, sizeof(path), \"%.*s/%s\", (int)(slash - self.dli_fname), self.dli_fname, need[i]);");
                    w.Line("h = dlopen(path, RTLD_NOW | RTLD_NOLOAD);");
                });
                w.Block("if (h == NULL)", () =>
                {
                    w.Line($"fprintf(stderr, \"dlcall: {spec.Soname} passes through only with {needed} \"");
                    w.Line($"        \"(--passthrough {passthrough}): its objects live in the host's %s\\n\", need[i]);");
                    w.Line("exit(127);");
                });
                w.Line("dlclose(h);");
            });
        });
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
