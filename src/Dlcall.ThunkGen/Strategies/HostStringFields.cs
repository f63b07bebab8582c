// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec hostStringFields: struct fields the library fills with host strings (<c>z_stream.msg</c>)
/// become interned guest copies after each call that passes the struct.
/// </summary>
public sealed record HostStringFields(IReadOnlyList<HostStringFieldParam> Params) : Strategy
{
    public static Strategy? For(StrategyInput i)
    {
        var found = new List<HostStringFieldParam>();
        foreach (var p in i.Decl.Params)
        {
            if (p.Type is not PointerType { Pointee: RecordType rt } || !i.Headers.Records.ContainsKey(rt.Tag)) continue;
            found.AddRange(i.Spec.HostStringFields.Where(sf => sf.StartsWith(rt.Tag + ".", StringComparison.Ordinal))
                .Select(sf => sf[(rt.Tag.Length + 1)..]).Select(field => new HostStringFieldParam(p, field, i.OutOnly(p, field))));
        }
        return found.Count > 0 ? new HostStringFields(found) : null;
    }

    // template: __typeof__(dest->msg) dlcall_old0 = dest != NULL ? dest->msg : NULL;
    // An out-only string field may hold anything before the call (inflateCopy's fresh dest):
    // its old value tells afterwards whether the call wrote it.
    internal override void GuestLocals(StubContext c)
    {
        for (int j = 0; j < Params.Count; j++)
        {
            var sf = Params[j];
            if (sf.OutOnly) c.W.Line($"__typeof__({sf.Param.Name}->{sf.Field}) dlcall_old{j} = {sf.Param.Name} != NULL ? {sf.Param.Name}->{sf.Field} : NULL;");
        }
    }

    // template: if (strm != NULL && strm->msg != NULL) { strm->msg = (char *)dlcall__intern(strm->msg); }
    internal override void GuestAfterCall(StubContext c)
    {
        for (int j = 0; j < Params.Count; j++)
        {
            var sf = Params[j];
            if (c.F.Frees(sf.Param)) continue;
            string p = c.D.Params[c.IndexOf(sf.Param)].Name;
            string changed = sf.OutOnly ? $" && {p}->{sf.Field} != dlcall_old{j}" : "";
            c.W.Block($"if ({p} != NULL && {p}->{sf.Field} != NULL{changed})", () =>
                c.W.Line($"{p}->{sf.Field} = (char *)dlcall__intern({p}->{sf.Field});"));
        }
    }
}
