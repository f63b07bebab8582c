// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;
using Dlcall.ThunkGen.Strategies;

namespace Dlcall.ThunkGen.Annotations;

/// <summary>
/// The host sets of spec trackedObjects (strategy Tracks adds and removes their members in the thunks),
/// and the checks of the function names trackedObjects and guestHeap.defaultAllocators give: their
/// strategies only apply where the names match, so a misspelt one would silently do nothing.
/// </summary>
internal static class TrackedObjectsEmitter
{
    public static void Host(LibrarySpec spec, HeaderModel headers, CWriter host, List<Diagnostic> diags)
    {
        void Check(string kind, string fn, Func<FunctionDecl, string?> why)
        {
            string? bad = headers.Functions.TryGetValue(fn, out var d) ? why(d) : $"the headers declare no function '{fn}'";
            if (bad != null) diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"{kind}: {bad}"));
        }
        if (spec.GuestHeap?.DefaultAllocators is { } da)
        {
            foreach (string fn in da.Functions)
                Check("guestHeap.defaultAllocators", fn, d => da.Params.Keys.FirstOrDefault(k => !d.Params.Any(p => p.Name == k)) is string k
                    ? $"'{fn}' has no parameter '{k}'" : null);
        }
        foreach (var (name, t) in spec.TrackedObjects)
        {
            foreach (string fn in t.Add) Check("trackedObjects", fn, d => d.Return is PointerType ? null : $"'{fn}' returns no pointer to add");
            foreach (string fn in (t.Remove ?? new Dictionary<string, string>()).Keys) Check("trackedObjects", fn, _ => null);
            // template: struct dlcall_rt_map dlcall__tracked_writers; (hidden: the thunk library's own)
            host.Line($"/* spec trackedObjects: {name}. */");
            host.Line($"struct dlcall_rt_map {Tracks.SetName(name)};").Line();
        }
    }
}
