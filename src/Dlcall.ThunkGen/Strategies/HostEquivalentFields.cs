// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec hostEquivalentFields: a constructor's result holds a struct of callbacks the guest reads by
/// field and calls (lxml's iterparse saves <c>ctxt->sax->startElementNs</c> and calls it from its own
/// handler). The library's own functions there cannot run in the guest: after the call each one that
/// is a spec hostEquivalent becomes the stub's function of the same name, which forwards to it.
/// </summary>
/// <param name="Field">The result's field pointing to the struct of callbacks.</param>
/// <param name="Callbacks">That struct's function-pointer fields.</param>
public sealed record HostEquivalentFields(string Field, IReadOnlyList<string> Callbacks) : Strategy
{
    public static Strategy? For(StrategyInput i)
    {
        // A key that does not fit is reported by the planner (BoundaryPlanner: spec invalid).
        if (!i.Spec.HostEquivalentFields.TryGetValue(i.Decl.Name, out string? field) || i.Spec.HostEquivalents.Count == 0) return null;
        if (i.Decl.Return is not PointerType { Pointee: RecordType rt } || !i.Headers.Records.TryGetValue(rt.Tag, out var rec)) return null;
        if (rec.Fields.FirstOrDefault(x => x.Name == field)?.Type is not PointerType { Pointee: RecordType ct }
            || !i.Headers.Records.TryGetValue(ct.Tag, out var callbacks)) return null;
        var names = callbacks.Fields.Where(x => x.Type is FunctionPointerType).Select(x => x.Name).ToList();
        return names.Count > 0 ? new HostEquivalentFields(field, names) : null;
    }

    // template: if (*(T *)ret != NULL && (*(T *)ret)->sax != NULL) { __typeof__((*(T *)ret)->sax) s = ...; s->f = (__typeof__(s->f))dlcall__guest_equiv((void *)s->f); }
    internal override void HostAfter(ThunkContext c)
    {
        string r = $"(*({c.D.Return.Spelling} *)ret)";
        c.W.Block($"if ({r} != NULL && {r}->{Field} != NULL)", () =>
        {
            c.W.Line($"__typeof__({r}->{Field}) s = {r}->{Field};");
            c.W.Line();
            foreach (string f in Callbacks) c.W.Line($"s->{f} = (__typeof__(s->{f}))dlcall__guest_equiv((void *)s->{f});");
        });
    }
}
