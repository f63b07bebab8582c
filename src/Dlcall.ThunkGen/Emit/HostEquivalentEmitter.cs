// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// The spec's hostEquivalents: library functions a program passes as callbacks (sqlite3_free as a
/// destructor). The guest would pass the stub's own function, which the host can only reach
/// through a trampoline and a round trip into the guest; the stub passes the host's function
/// instead, found at load in the host thunk library's dependencies.
/// </summary>
internal static class HostEquivalentEmitter
{
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
    public static void Resolve(CWriter w, LibrarySpec spec)
    {
        for (int i = 0; i < spec.HostEquivalents.Count; i++)
        {
            w.Line($"dlcall__equiv[{i}] = dlcall_dlsym(lib, \"{spec.HostEquivalents[i]}\");");
            w.Block($"if (dlcall__equiv[{i}] == NULL)", () => w.Line($"dlcall__load_failed(\"{spec.HostEquivalents[i]}\", path);"));
        }
    }
}
