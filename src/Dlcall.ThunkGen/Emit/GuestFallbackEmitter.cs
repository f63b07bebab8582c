// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// For a spec with fallbackToGuest: the functions the stub cannot forward become tail jumps
/// (&lt;dlcall/fallback.h&gt;) into the real guest library, loaded privately from the guest's
/// library directories on the first fallback call (not by the constructor: opening libm and
/// looking up its 590 fallbacks was ~11 ms of every emulated start-up) and resolved once.
/// </summary>
internal static class GuestFallbackEmitter
{
    /// <summary>The functions served by the real guest library, in slot order.</summary>
    public static List<BoundaryFunction> Fallbacks(BoundaryPlan plan) =>
        plan.Functions.Where(f => f.Kind == FunctionKind.GuestFallback).ToList();

    /// <summary>Forwarded functions that also need the real guest function (rounding guard), by thunk index.</summary>
    private static List<BoundaryFunction> Guarded(BoundaryPlan plan) =>
        plan.Functions.Where(f => f.Kind == FunctionKind.Forwarded && f.Has<Strategies.RoundingGuard>()).OrderBy(f => f.ThunkIndex).ToList();

    /// <summary>True when the stub loads the real guest library.</summary>
    public static bool LoadsRealLibrary(BoundaryPlan plan) => Fallbacks(plan).Count > 0 || Guarded(plan).Count > 0;

    // template: DLCALL_FALLBACK_SLOTS(N); static const char *const dlcall__fallback_name[N] = { "sinf128", ... };
    //           static void dlcall__fallback_load(void) { real = dlopen("/lib/<triple>/libm.so.6"); slot[i] = dlsym(real, name[i]) ... }
    //           void dlcall__fallback_resolve(void) { once, under a lock: dlcall__fallback_load(); }  DLCALL_FALLBACK_RESOLVER(...)
    public static void Emit(CWriter w, LibrarySpec spec, BoundaryPlan plan, string guestTriple)
    {
        var fallbacks = Fallbacks(plan);
        var guarded = Guarded(plan);
        if (!LoadsRealLibrary(plan)) return;
        var compat = CompatVersionEmitter.CompatFallbacks(plan).Select(c => (Name: c.Function.Decl.Name, c.Version))
            .Concat(OnlyOldVersions(plan)).ToList();
        w.Line("#include <dlcall/fallback.h>");
        w.Line("#include <dlfcn.h>");
        w.Line("#include <sys/stat.h>");
        w.Line();
        w.Line($"DLCALL_FALLBACK_SLOTS({Math.Max(fallbacks.Count + compat.Count, 1)});");
        // Indexed like dlcall__thunk: the real function of every forwarded one, for the rounding guard.
        w.Line($"static void *dlcall__real[{Math.Max(plan.Functions.Count(f => f.Kind == FunctionKind.Forwarded), 1)}];");
        w.Line($"static const char *const dlcall__fallback_name[{Math.Max(fallbacks.Count, 1)}] = {{");
        foreach (var f in fallbacks) w.Line($"    \"{f.Decl.Name}\",");
        if (fallbacks.Count == 0) w.Line("    NULL,");
        w.Line("};");
        w.Line("static char dlcall__fallback_why[512];");
        // Set (never cleared) by the spec's roundingModeSetters before they run.
        w.Line("__attribute__((visibility(\"hidden\"))) int dlcall__rounding_touched;");
        w.Line();
        w.Function("static void dlcall__fallback_missing(void)", () =>
        {
            w.Line($"fprintf(stderr, \"dlcall: {spec.Soname}: a function dlcall does not pass through was called, \"");
            w.Line("        \"and the real guest library cannot serve it: %s\\n\", dlcall__fallback_why);");
            w.Line("abort();");
        });
        EmitOpen(w, spec, plan, guestTriple);
        w.Function("static void dlcall__fallback_load(void)", () =>
        {
            w.Line("void *real = dlcall__fallback_open();");
            w.Line("void *fn;");
            w.Line();
            w.Block($"for (size_t i = 0; i < {fallbacks.Count}; i++)", () =>
            {
                w.Line("fn = real ? dlsym(real, dlcall__fallback_name[i]) : NULL;");
                w.Block("if (real && fn == NULL && dlcall__fallback_why[0] == '\\0')", () =>
                    w.Line("snprintf(dlcall__fallback_why, sizeof(dlcall__fallback_why), \"%s\", dlerror());"));
                w.Line("__atomic_store_n(&dlcall__fallback[i], fn ? fn : (void *)dlcall__fallback_missing, __ATOMIC_RELEASE);");
            });
            foreach (var f in guarded)
                w.Line($"dlcall__real[{f.ThunkIndex}] = real ? dlsym(real, \"{f.Decl.Name}\") : NULL;");
            for (int i = 0; i < compat.Count; i++)
            {
                string slot = $"dlcall__fallback[{fallbacks.Count + i}]";
                w.Line($"fn = real ? dlvsym(real, \"{compat[i].Name}\", \"{compat[i].Version}\") : NULL;");
                w.Line($"__atomic_store_n(&{slot}, fn ? fn : (void *)dlcall__fallback_missing, __ATOMIC_RELEASE);");
            }
        });
        EmitResolve(w, spec);
        for (int i = 0; i < fallbacks.Count; i++)
        {
            string name = fallbacks[i].Decl.Name;
            w.Line(spec.RoundingModeSetters.Contains(name) && guarded.Count > 0
                ? $"DLCALL_FALLBACK_JUMP_MARK({name}, {i}, dlcall__rounding_touched);"
                : $"DLCALL_FALLBACK_JUMP({name}, {i});");
        }
        // template: DLCALL_FALLBACK_JUMP(dlcall__compat_fb3, 41); __asm__(".symver dlcall__compat_fb3, exp@GLIBC_2.17");
        // An older version node jumps to the real library's same old version.
        for (int i = 0; i < compat.Count; i++)
        {
            string local = $"{CompatVersionEmitter.Prefix}fb{i}";
            w.Line($"DLCALL_FALLBACK_JUMP({local}, {fallbacks.Count + i});");
            w.Line($"__asm__(\".symver {local}, {compat[i].Name}@{compat[i].Version}\");");
        }
        w.Line();
        EmitData(w, plan);
    }

    // template: void dlcall__fallback_resolve(void) { lock; if (!loaded) dlcall__fallback_load(); unlock; }  DLCALL_FALLBACK_RESOLVER(dlcall__fallback_resolve);
    // Called by the resolver (<dlcall/fallback.h>) from the first jump through an empty slot, in
    // any thread: the first caller loads while the others wait on the lock. A fallback called
    // while the real library loads (its constructor calling back into the stub) cannot be served.
    private static void EmitResolve(CWriter w, LibrarySpec spec)
    {
        w.Line("__attribute__((visibility(\"hidden\"), used))");
        w.Function("void dlcall__fallback_resolve(void)", () =>
        {
            w.Line("static pthread_mutex_t lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;");
            w.Line("static int state; /* 0 not loaded, 1 loading, 2 loaded */");
            w.Line();
            w.Line("pthread_mutex_lock(&lock);");
            w.Block("if (state == 1)", () =>
            {
                w.Line($"snprintf(dlcall__fallback_why, sizeof(dlcall__fallback_why), \"called while the real {spec.Soname} was being loaded\");");
                w.Line("dlcall__fallback_missing();");
            });
            w.Block("if (state == 0)", () =>
            {
                w.Line("state = 1;");
                w.Line("dlcall__fallback_load();");
                w.Line("state = 2;");
            });
            w.Line("pthread_mutex_unlock(&lock);");
        });
        w.Line("DLCALL_FALLBACK_RESOLVER(dlcall__fallback_resolve);");
        w.Line();
    }

    // Functions the real library keeps only in old version nodes for old binaries (libm's
    // __exp_finite@GLIBC_2.17): served by the real library too.
    private static IEnumerable<(string Name, string Version)> OnlyOldVersions(BoundaryPlan plan)
    {
        var nodes = plan.GuestLibrary.Versions.Select(n => n.Name).ToHashSet();
        var planned = plan.Functions.Select(f => f.Decl.Name).ToHashSet();
        return plan.GuestLibrary.Symbols
            .Where(s => s.IsFunction && !s.IsDefault && s.Version is not null && nodes.Contains(s.Version) && !planned.Contains(s.Name))
            .Select(s => (s.Name, s.Version!)).Distinct().OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Item2, StringComparer.Ordinal);
    }

    // template: DLCALL_FALLBACK_DATA(signgam, 4); DLCALL_FALLBACK_ALIAS(__signgam, signgam);
    // Aliases in the real library (same st_value) stay aliases: one object, several names.
    private static void EmitData(CWriter w, BoundaryPlan plan)
    {
        foreach (var group in plan.GuestData.GroupBy(d => d.Value))
        {
            var first = group.First();
            w.Line($"DLCALL_FALLBACK_DATA({first.Name}, {Math.Max(first.Size, 1)});");
            foreach (var alias in group.Skip(1)) w.Line($"DLCALL_FALLBACK_ALIAS({alias.Name}, {first.Name});");
        }
        if (plan.GuestData.Count > 0) w.Line();
    }

    // template: static void *dlcall__fallback_open(void) { for each "/lib/<triple>/<soname>"...: not this stub -> dlopen(RTLD_NOW | RTLD_LOCAL [| RTLD_DEEPBIND]) }
    // The stub carries the real soname, so the dynamic linker would hand back the stub itself
    // for "libm.so.6": the real one is opened by path, and a path that is this stub is skipped.
    // spec runInGuestLibrary: the real library's calls of its own exports (Debian's libsqlite3
    // exports its internals: sqlite3StrAccumInit...) must stay in it (RTLD_DEEPBIND), not bind to
    // this stub's same names, as plain fallbacks do on purpose (libbz2's BZ2_bzRead calling
    // BZ2_bzDecompress comes back to the host).
    private static void EmitOpen(CWriter w, LibrarySpec spec, BoundaryPlan plan, string guestTriple)
    {
        bool ownBinding = plan.Functions.Any(f => f.Kind == FunctionKind.GuestFallback && spec.RunInGuestLibrary.Contains(f.Decl.Name));
        w.Function("static void *dlcall__fallback_open(void)", () =>
        {
            w.Line("static const char *const dirs[] = {");
            w.Line($"    \"/lib/{guestTriple}\", \"/usr/lib/{guestTriple}\", \"/lib64\", \"/usr/lib64\", \"/lib\", \"/usr/lib\",");
            w.Line("};");
            w.Line("const char *dir = getenv(\"DLCALL_GUEST_LIB_DIR\");");
            w.Line("struct stat self, st;");
            w.Line("Dl_info info;");
            w.Line("char path[4096];");
            w.Line();
            w.Block("if (!dladdr((void *)dlcall__fallback_missing, &info) || stat(info.dli_fname, &self) != 0)", () =>
                w.Line("self.st_ino = 0;"));
            w.Block("for (size_t i = 0; i <= sizeof(dirs) / sizeof(dirs[0]); i++)", () =>
            {
                w.Line("const char *d = i == 0 ? dir : dirs[i - 1];");
                w.Line("void *real;");
                w.Line();
                w.Block("if (d == NULL || d[0] == '\\0')", () => w.Line("continue;"));
                w.Line($"snprintf(path, sizeof(path), \"%s/{spec.Soname}\", d);");
                w.Block("if (stat(path, &st) != 0 || (st.st_ino == self.st_ino && st.st_dev == self.st_dev))", () => w.Line("continue;"));
                w.Line($"real = dlopen(path, RTLD_NOW | RTLD_LOCAL{(ownBinding ? " | RTLD_DEEPBIND" : "")});");
                w.Block("if (real)", () => w.Line("return real;"));
                w.Line("snprintf(dlcall__fallback_why, sizeof(dlcall__fallback_why), \"%s\", dlerror());");
            });
            w.Block("if (dlcall__fallback_why[0] == '\\0')", () =>
                w.Line($"snprintf(dlcall__fallback_why, sizeof(dlcall__fallback_why), \"no real {spec.Soname} in the guest's library directories (set DLCALL_GUEST_LIB_DIR)\");"));
            w.Line("return NULL;");
        });
    }
}
