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
/// <param name="MarksRetained">The function takes or makes an object of a spec retainsCallbacks
/// type: a callback passed here is run by later calls on that object.</param>
public sealed record CallbackParams(IReadOnlyList<(ParamDecl Param, int SignatureId)> Params, bool MarksRetained) : Strategy
{
    public static Strategy? For(StrategyInput i)
    {
        var found = i.Decl.Params.Where(p => p.Type is FunctionPointerType).Select(p => (p, i.SignatureOf((FunctionPointerType)p.Type))).ToList();
        bool Retaining(CType t) => t is PointerType { Pointee: RecordType rt } && i.Spec.RetainsCallbacks.Contains(rt.Tag);
        bool marks = i.Decl.Params.Any(p => Retaining(p.Type)) || Retaining(i.Decl.Return);
        return found.Count > 0 ? new CallbackParams(found, marks) : null;
    }

    public override CallPath Path => CallPath.Host;

    // template: a.p4 = (void (*)(void *))dlcall__equiv_of((void *)a.p4);
    internal override void GuestBeforeCall(StubContext c)
    {
        if (c.Spec.HostEquivalents.Count > 0)
        {
            foreach (var (p, _) in Params)
            {
                int i = c.IndexOf(p);
                c.W.Line($"a.p{i} = ({p.Type.Spelling})dlcall__equiv_of((void *)a.p{i});");
            }
        }
        if (!MarksRetained) return;
        // A callback passed directly to a call that takes or makes an object that keeps callbacks
        // (expat's XML_SetElementHandler(parser, start, end), pcre2_general_context_create(malloc,
        // free, data)) is run by later calls on the object (XML_Parse, pcre2_compile): those
        // must take the callback path too.
        // template: if (a.p1 != NULL || a.p2 != NULL) { __atomic_store_n(&dlcall__retained, 1, __ATOMIC_RELAXED); }
        string passed = string.Join(" || ", Params.Select(x => $"a.p{c.IndexOf(x.Param)} != NULL"));
        c.W.Block($"if ({passed})", () => c.W.Line("__atomic_store_n(&dlcall__retained, 1, __ATOMIC_RELAXED);"));
    }

    internal override bool GuestCall(StubContext c) => c.CallHostIfItsPath();

    // template: a->p1 = (int (*)(void *, int))dlcall__wrap((void *)a->p1, 0, "zlib: inflateBack(in)");
    internal override void HostBefore(ThunkContext c)
    {
        foreach (var (p, sig) in Params)
            c.W.Line($"{c.Arg(p)} = ({p.Type.Spelling})dlcall__wrap((void *){c.Arg(p)}, {sig}, \"{c.Spec.Library}: {c.D.Name}({p.Name})\");");
    }
}
