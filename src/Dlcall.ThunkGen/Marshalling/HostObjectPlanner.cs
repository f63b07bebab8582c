// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>Finds the methods of the spec's hostObjectRecords (see <see cref="HostObject"/>).</summary>
public static class HostObjectPlanner
{
    /// <summary>The host objects of <paramref name="spec"/>; their thunks follow the forwarded functions'.</summary>
    public static IReadOnlyList<HostObject> Plan(LibrarySpec spec, HeaderModel headers, BoundaryPlan plan)
    {
        int next = plan.Functions.Count(f => f.Kind == FunctionKind.Forwarded);
        var objects = new List<HostObject>();
        foreach (string tag in spec.HostObjectRecords)
        {
            if (!headers.Records.TryGetValue(tag, out var rec) || !rec.IsComplete) continue;
            var methods = new List<HostMethod>();
            var dropped = new List<string>();
            foreach (var f in rec.Fields)
            {
                if (f.Type is FunctionPointerType fp && Carriable(fp, tag)) methods.Add(new HostMethod(tag, f.Name, fp, next++));
                else if (f.Type is FunctionPointerType || (f.Type is UnsupportedType u && u.Spelling.Contains("(*", StringComparison.Ordinal)))
                    dropped.Add(f.Name);
            }
            objects.Add(new HostObject(rec, methods, dropped));
        }
        return objects;
    }

    private static bool Carriable(FunctionPointerType fp, string tag) =>
        fp.Parameters.Count is > 0 and <= 8
        && fp.Parameters[0] is PointerType { Pointee: RecordType rt } && rt.Tag == tag
        && fp.Parameters.Append(fp.Return).All(t => t is ScalarType or PointerType or VoidType);
}
