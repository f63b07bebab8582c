// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec hostObjectRecords (<see cref="HostObject"/>): a proxy the guest passes back becomes the
/// host original before the call, and a host record the function returns becomes its proxy.
/// </summary>
/// <param name="Params">Parameters pointing to a host object record, by argument block index.</param>
/// <param name="Result">The host object record the function returns, or null.</param>
public sealed record HostObjectArgs(IReadOnlyList<(int Index, HostObject Object)> Params, HostObject? Result) : Strategy
{
    /// <summary><paramref name="plan"/> with this strategy attached where it applies.</summary>
    public static BoundaryPlan Attach(BoundaryPlan plan, IReadOnlyList<HostObject> objects)
    {
        HostObject? Of(CType t) => t is PointerType { Pointee: RecordType rt } ? objects.FirstOrDefault(o => o.Record.Tag == rt.Tag) : null;
        var functions = plan.Functions.Select(f =>
        {
            if (f.Kind != FunctionKind.Forwarded) return f;
            var ps = f.Decl.Params.Select((p, i) => (i, Of(p.Type))).Where(x => x.Item2 != null).Select(x => (x.i, x.Item2!)).ToList();
            var result = Of(f.Decl.Return);
            return ps.Count > 0 || result != null ? f.With(new HostObjectArgs(ps, result)) : f;
        }).ToList();
        return plan with { Functions = functions, HostObjects = objects };
    }

    // template: a.p0 = dlcall__host_sqlite3_vfs(a.p0);
    internal override void GuestBeforeCall(StubContext c)
    {
        foreach (var (i, o) in Params) c.W.Line($"a.p{i} = ({c.D.Params[i].Type.Spelling}){o.HostFunction}(a.p{i});");
    }

    // template: r = dlcall__proxy_sqlite3_vfs(r);
    internal override void GuestAfterCall(StubContext c)
    {
        if (Result is HostObject o) c.W.Line($"r = ({c.D.Return.Spelling}){o.ProxyFunction}(({o.Record.CName} *)r);");
    }
}
