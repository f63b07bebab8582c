// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.Json;

namespace Dlcall.ThunkGen.Clang;

/// <summary>
/// clang's JSON AST prints a location's file and line only when they differ from the location
/// printed before it, so the current file:line is state carried through the dump in order.
/// </summary>
internal sealed class LocationTracker
{
    private string _file = "";
    private long _line;

    /// <summary>Reads a decl's "loc" (preferring the macro expansion site) and returns file:line.</summary>
    public (string File, long Line) ReadDeclLocation(JsonElement decl)
    {
        if (decl.TryGetProperty("loc", out var loc)) Visit(loc);
        return (_file, _line);
    }

    /// <summary>Visits everything in <paramref name="e"/> in document order, updating the state.</summary>
    public void Visit(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (p.NameEquals("file") && p.Value.ValueKind == JsonValueKind.String) _file = p.Value.GetString()!;
                    else if (p.NameEquals("line") && p.Value.ValueKind == JsonValueKind.Number) _line = p.Value.GetInt64();
                    else if (p.NameEquals("includedFrom")) continue; // names the includer, not this location
                    else Visit(p.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray()) Visit(item);
                break;
        }
    }

    /// <summary>Visits a whole decl except its "loc", which <see cref="ReadDeclLocation"/> read.</summary>
    public void VisitRest(JsonElement decl)
    {
        foreach (var p in decl.EnumerateObject())
        {
            if (!p.NameEquals("loc")) Visit(p.Value);
        }
    }
}
