// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>spec nullDefaults: parameters the stub replaces when the guest passes NULL.</summary>
public sealed record NullDefaults(IReadOnlyList<NullDefault> Params) : Strategy
{
    public static Strategy? For(StrategyInput i)
    {
        var found = i.Decl.Params.Where(p => i.Spec.NullDefaults.ContainsKey($"{i.Decl.Name}.{p.Name}"))
            .Select(p => new NullDefault(p, i.Spec.NullDefaults[$"{i.Decl.Name}.{p.Name}"])).ToList();
        return found.Count > 0 ? new NullDefaults(found) : null;
    }

    // template: if (allocator == NULL) { allocator = &dlcall_lzma_guest_allocator; }
    internal override void GuestSetup(StubContext c)
    {
        foreach (var d in Params) c.W.Block($"if ({d.Param.Name} == NULL)", () => c.W.Line($"{d.Param.Name} = {d.Value};"));
    }
}
