// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec trackedObjects: the thunk adds the function's result to a host set after the call (unless the
/// call raised or returned NULL), or removes a key computed from its parameters before it (the object
/// is gone after). <see cref="Adds"/> and <see cref="Removes"/> list the sets and remove expressions.
/// </summary>
public sealed record Tracks(IReadOnlyList<string> Adds, IReadOnlyList<(string Set, string Key)> Removes) : Strategy
{
    /// <summary>The host thunk library's C name of set <paramref name="name"/>.</summary>
    public static string SetName(string name) => $"dlcall__tracked_{name}";

    public static Strategy? For(StrategyInput i)
    {
        var adds = i.Spec.TrackedObjects.Where(t => t.Value.Add.Contains(i.Decl.Name) && i.Decl.Return is PointerType)
            .Select(t => t.Key).ToList();
        var removes = i.Spec.TrackedObjects
            .Where(t => t.Value.Remove?.ContainsKey(i.Decl.Name) == true).Select(t => (t.Key, t.Value.Remove![i.Decl.Name])).ToList();
        return adds.Count + removes.Count > 0 ? new Tracks(adds, removes) : null;
    }

    // The sets are defined with the annotations' host code, after the thunks.
    internal override void HostLocals(ThunkContext c)
    {
        foreach (string s in Adds.Concat(Removes.Select(r => r.Set)).Distinct()) c.W.Line($"extern struct dlcall_rt_map {SetName(s)};");
    }

    // template: dlcall_rt_map_remove(&dlcall__tracked_writers, (const void *)(a->p0 != NULL ? *a->p0 : NULL));
    internal override void HostBefore(ThunkContext c)
    {
        foreach (var (set, key) in Removes) c.W.Line($"dlcall_rt_map_remove(&{SetName(set)}, (const void *)({ParamExpr.ForHost(c, key)}));");
    }

    // template: if (!a->dlcall_raised) dlcall_rt_map_add(&dlcall__tracked_writers, (const void *)*(png_structp *)ret);
    internal override void HostAfter(ThunkContext c)
    {
        string raised = c.F.Has<Raises>() ? "!a->dlcall_raised" : "1";
        foreach (string set in Adds)
            c.W.Block($"if ({raised})", () => c.W.Line($"dlcall_rt_map_add(&{SetName(set)}, (const void *)*({c.D.Return.Spelling} *)ret);"));
    }
}
