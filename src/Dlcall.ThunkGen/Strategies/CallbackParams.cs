// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// Function-pointer parameters are guest callbacks: the host thunk swaps each for a trampoline
/// (<c>dlcall__wrap</c>) and the call takes the coroutine path. With spec hostEquivalents, the
/// stub first hands the host its own function for a guest one it knows (sqlite3_free).
/// </summary>
/// <param name="Params">Each function-pointer parameter with its callback signature.</param>
public sealed record CallbackParams(IReadOnlyList<(ParamDecl Param, int SignatureId)> Params) : Strategy
{
    public static Strategy? For(StrategyInput i)
    {
        var found = i.Decl.Params.Where(p => p.Type is FunctionPointerType).Select(p => (p, i.SignatureOf((FunctionPointerType)p.Type))).ToList();
        return found.Count > 0 ? new CallbackParams(found) : null;
    }

    public override CallPath Path => CallPath.Host;

    // template: a.p4 = (void (*)(void *))dlcall__equiv_of((void *)a.p4);
    internal override void GuestBeforeCall(StubContext c)
    {
        if (c.Spec.HostEquivalents.Count == 0) return;
        foreach (var (p, _) in Params)
        {
            int i = c.IndexOf(p);
            c.W.Line($"a.p{i} = ({p.Type.Spelling})dlcall__equiv_of((void *)a.p{i});");
        }
    }

    internal override bool GuestCall(StubContext c) => c.CallHostIfItsPath();

    // template: a->p1 = (int (*)(void *, int))dlcall__wrap((void *)a->p1, 0, "zlib: inflateBack(in)");
    internal override void HostBefore(ThunkContext c)
    {
        foreach (var (p, sig) in Params)
            c.W.Line($"{c.Arg(p)} = ({p.Type.Spelling})dlcall__wrap((void *){c.Arg(p)}, {sig}, \"{c.Spec.Library}: {c.D.Name}({p.Name})\");");
    }
}
