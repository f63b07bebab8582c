// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>
/// Guest and host must agree on every byte that crosses: for each record and typedef in the
/// plan, size, alignment and every field offset are compared; a difference is an error naming
/// the type, the field and both values.
/// </summary>
public static class LayoutChecker
{
    /// <summary>Compares <paramref name="guest"/> (for <paramref name="guestIsa"/>) with <paramref name="host"/>.</summary>
    public static List<Diagnostic> Compare(IReadOnlyList<RecordLayout> host, IReadOnlyList<RecordLayout> guest,
        string guestIsa, IReadOnlyDictionary<string, string> locations)
    {
        var diags = new List<Diagnostic>();
        var byName = guest.ToDictionary(g => g.CName);
        foreach (var h in host)
        {
            if (!byName.TryGetValue(h.CName, out var g)) continue;
            locations.TryGetValue(h.CName, out var where);
            void Error(string what, long hv, long gv) => diags.Add(new(Severity.Error, DiagnosticCodes.LayoutMismatch,
                $"{h.CName}: {what} is {hv} on the x86_64 host but {gv} on the {guestIsa} guest", where));
            if (h.Size != g.Size) Error("size", h.Size, g.Size);
            if (h.Align != g.Align) Error("alignment", h.Align, g.Align);
            var guestOffsets = g.Fields.ToDictionary(f => f.Field, f => f.Offset);
            foreach (var (field, offset) in h.Fields)
            {
                if (guestOffsets.TryGetValue(field, out long go) && go != offset) Error($"field '{field}' offset", offset, go);
            }
        }
        return diags;
    }
}
