// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>spec nullDefaults: parameters the stub replaces when the guest passes NULL.</summary>
public sealed record NullDefaults(IReadOnlyList<NullDefault> Params) : Strategy
{
    public static Strategy? For(StrategyInput i)
    {
        var found = Find(i, i.Spec.NullDefaults);
        return found.Count > 0 ? new NullDefaults(found) : null;
    }

    /// <summary>The parameters of the function <paramref name="table"/> names as "function.param", with their
    /// C expressions (nullDefaults, guestArgs).</summary>
    internal static List<NullDefault> Find(StrategyInput i, IReadOnlyDictionary<string, string> table) =>
        i.Decl.Params.Where(p => table.ContainsKey($"{i.Decl.Name}.{p.Name}"))
            .Select(p => new NullDefault(p, table[$"{i.Decl.Name}.{p.Name}"])).ToList();

    /// <summary>Keys of <paramref name="table"/> that name no parameter <paramref name="applied"/> found.</summary>
    internal static IEnumerable<string> Unused(IReadOnlyDictionary<string, string> table, IEnumerable<BoundaryFunction> functions,
        Func<BoundaryFunction, IReadOnlyList<NullDefault>> applied) =>
        table.Keys.Where(k => !functions.Any(f => applied(f).Any(n => $"{f.Decl.Name}.{n.Param.Name}" == k)));

    // template: if (allocator == NULL) { allocator = &dlcall_lzma_guest_allocator; }
    internal override void GuestSetup(StubContext c)
    {
        foreach (var d in Params) c.W.Block($"if ({d.Param.Name} == NULL)", () => c.W.Line($"{d.Param.Name} = {d.Value};"));
    }
}
