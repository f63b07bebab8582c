// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// The spec's hostEquivalents: library functions a program passes as callbacks (sqlite3_free as a
/// destructor) or finds in the library's structs and hands back (libxml2's SAX2 handlers in a
/// parser context's sax). The guest would pass the stub's own function, which the host can only
/// reach through a trampoline and a round trip into the guest: the stub passes the host's function
/// instead, found at load in the host thunk library's dependencies, and the host thunk library
/// knows the stub's addresses (handed over at load), so a stub function that reaches the host any
/// other way (in a struct of callbacks, through <c>dlcall__wrap</c>) is the host's function too.
/// </summary>
internal static class HostEquivalentEmitter
{
    /// <summary>The host thunk library's function the stub hands its addresses to at load.</summary>
    public const string RegisterName = "dlcall_register_equivalents";

    // template: static void *dlcall__equiv[1]; static void *dlcall__equiv_of(void *p) { if (p == (void *)sqlite3_free) return dlcall__equiv[0]; return p; }
    public static void State(CWriter w, LibrarySpec spec)
    {
        var names = spec.HostEquivalents;
        if (names.Count == 0) return;
        w.Line("/* The host's own functions for the stub's (spec hostEquivalents), resolved at load. */");
        w.Line($"static void *dlcall__equiv[{names.Count}];");
        w.Line();
        w.Function("static void *dlcall__equiv_of(void *p)", () =>
        {
            for (int i = 0; i < names.Count; i++)
                w.Block($"if (p == (void *)({names[i]}))", () => w.Line($"return dlcall__equiv[{i}];"));
            w.Line("return p;");
        });
        // template: static inline int dlcall__fast_cb(uintptr_t p) { return dlcall__sentinel(p) || p == (uintptr_t)dlcall__equiv[0]; }
        w.Line("/* A callback argument that keeps a call on the fast path: a marker or a host function. */");
        string equiv = string.Concat(names.Select((_, i) => $" || p == (uintptr_t)dlcall__equiv[{i}]"));
        w.Line($"static inline int dlcall__fast_cb(uintptr_t p) {{ return p + 4096 < 8192{equiv}; }}");
        w.Line();
    }

    // template: dlcall__equiv[0] = dlcall_dlsym(lib, "sqlite3_free"); if (!dlcall__equiv[0]) fail
    //           struct { uint64_t count; uint64_t fn[1]; } eq = { 1, { (uint64_t)(uintptr_t)(sqlite3_free) } }; invoke dlcall_register_equivalents
    public static void Resolve(CWriter w, LibrarySpec spec)
    {
        var names = spec.HostEquivalents;
        if (names.Count == 0) return;
        for (int i = 0; i < names.Count; i++)
        {
            w.Line($"dlcall__equiv[{i}] = dlcall_dlsym(lib, \"{names[i]}\");");
            w.Block($"if (dlcall__equiv[{i}] == NULL)", () => w.Line($"dlcall__load_failed(\"{names[i]}\", path);"));
        }
        w.Line($"struct {{ uint64_t count; uint64_t fn[{names.Count}]; }} eq = {{ {names.Count}, {{");
        foreach (string n in names) w.Line($"    (uint64_t)(uintptr_t)({n}),");
        w.Line("} };");
        w.Line($"dlcall_fn eq_reg = (dlcall_fn)dlcall_dlsym(lib, \"{RegisterName}\");");
        w.Line();
        w.Block("if (eq_reg == NULL)", () => w.Line($"dlcall__load_failed(\"{RegisterName}\", path);"));
        w.Line("dlcall_invoke(eq_reg, &eq, NULL);");
    }

    // template: static uint64_t dlcall__equiv_guest[1]; static void *const dlcall__equiv_host[1] = { (void *)(sqlite3_free) };
    //           void dlcall_register_equivalents(void *args, void *ret) { copy the stub's addresses }
    //           static void *dlcall__host_equiv(void *fn) -> the host function for a stub one, or NULL
    //           static void *dlcall__guest_equiv(void *fn) -> the stub function for a host one, or fn
    public static void Host(CWriter w, LibrarySpec spec)
    {
        var names = spec.HostEquivalents;
        if (names.Count == 0) return;
        int n = names.Count;
        w.Line("/* The stub's functions standing for the library's own (spec hostEquivalents), handed over at load. */");
        w.Line($"static uint64_t dlcall__equiv_guest[{n}];");
        w.Line($"static void *const dlcall__equiv_host[{n}] = {{ {string.Join(", ", names.Select(x => $"(void *)({x})"))} }};");
        w.Line();
        w.Function($"void {RegisterName}(void *args, void *ret)", () =>
        {
            w.Line("const uint64_t *in = args;");
            w.Line();
            w.Line("(void)ret;");
            w.Block($"for (uint64_t i = 0; i < in[0] && i < {n}; i++)", () => w.Line("dlcall__equiv_guest[i] = in[1 + i];"));
        });
        w.Line("/* The host function a stub function stands for, or NULL. */");
        w.Function("__attribute__((unused)) static void *dlcall__host_equiv(const void *fn)", () =>
        {
            w.Block($"for (int i = 0; i < {n}; i++)", () =>
                w.Block("if (dlcall__equiv_guest[i] != 0 && dlcall__equiv_guest[i] == (uint64_t)(uintptr_t)fn)", () => w.Line("return dlcall__equiv_host[i];")));
            w.Line("return NULL;");
        });
        w.Line("/* The stub function standing for a host one, for structs the guest reads (spec hostEquivalentFields); else fn. */");
        w.Function("__attribute__((unused)) static void *dlcall__guest_equiv(void *fn)", () =>
        {
            w.Block($"for (int i = 0; i < {n}; i++)", () =>
                w.Block("if (dlcall__equiv_host[i] == fn && dlcall__equiv_guest[i] != 0)", () => w.Line("return (void *)(uintptr_t)dlcall__equiv_guest[i];")));
            w.Line("return fn;");
        });
    }
}
