// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// The spec's hostSources: hand-written host halves of guest overrides (a variadic function
/// reassembled on the host, say). They are compiled into the host thunk library, and the guest
/// stub gets a lookup for their symbols.
/// </summary>
internal static class HostSourceEmitter
{
    // template: #include "/abs/thunks/sqlite3/overrides/host_printf.c"
    public static void HostIncludes(CWriter w, LibrarySpec spec)
    {
        // Units of their own (OverrideUnits) are linked, not pasted.
        bool units = OverrideUnits.HostUnits(spec).Count > 0;
        var pasted = spec.HostSources.Where(f => OverrideUnits.Pasted(f, OverrideUnits.HostHeader, units)).ToList();
        if (pasted.Count == 0) return;
        w.Line("/* Host halves of the spec's guest overrides. */");
        foreach (string src in pasted) w.Line($"#include \"{src}\"");
        w.Line();
    }

    // template: static void *dlcall__lib; static dlcall_fn dlcall__host_fn(const char *name) { return dlsym of the thunk library }
    public static void GuestLookup(CWriter w)
    {
        w.Line("/* The host thunk library, for the overrides' own host functions (spec hostSources). */");
        w.Line("static void *dlcall__lib;");
        w.Line();
        w.Function("static dlcall_fn dlcall__host_fn(const char *name)", () =>
        {
            w.Line("dlcall_fn fn = (dlcall_fn)dlcall_dlsym(dlcall__lib, name);");
            w.Line();
            w.Block("if (fn == NULL)", () =>
            {
                w.Line("fprintf(stderr, \"dlcall: the host thunk library has no %s\\n\", name);");
                w.Line("abort();");
            });
            w.Line("return fn;");
        });
    }
}
