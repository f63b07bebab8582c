// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// Pointers to writable structs with function-pointer fields (<c>z_stream.zalloc</c>): the host
/// thunk swaps the fields for trampolines in place for the call and puts the guest's functions
/// back after it, so the guest never sees a host address in its own structs. A persistentRecords
/// struct instead becomes a lasting host copy the library may keep.
/// </summary>
public sealed record CallbackFields(IReadOnlyList<CallbackFieldParam> Params) : Strategy
{
    public static Strategy? For(StrategyInput i)
    {
        var found = new List<CallbackFieldParam>();
        foreach (var p in i.Decl.Params)
        {
            if (p.Type is not PointerType { Pointee: RecordType rt } pt || !i.Headers.Records.TryGetValue(rt.Tag, out var rec)) continue;
            var fields = rec.Fields.Where(f => f.Type is FunctionPointerType fp && BoundaryPlanner.CallbackProblem(fp) is null)
                .Select(f => new CallbackField(f.Name, i.SignatureOf((FunctionPointerType)f.Type), i.OutOnly(p, f.Name))).ToList();
            // Behind a const pointer the struct may be read-only: CallbackCopies gives the library a
            // copy, unless it is persistent (then the library gets a lasting copy here).
            bool persistent = i.Spec.PersistentRecords.Contains(rt.Tag);
            if (fields.Count > 0 && (!pt.PointeeIsConst || persistent)) found.Add(new CallbackFieldParam(p, rec, fields, persistent));
        }
        return found.Count > 0 ? new CallbackFields(found) : null;
    }

    public override CallPath Path => CallPath.Host;

    internal override bool GuestCall(StubContext c) => c.CallHostIfItsPath();

    // template: z_stream *r0 = (z_stream *)a->p0;  alloc_func old0_zalloc = r0 != NULL ? r0->zalloc : NULL;
    // An out-only field may hold anything before the call: kept as it was, to tell afterwards
    // whether the call wrote it.
    internal override void HostLocals(ThunkContext c)
    {
        for (int k = 0; k < Params.Count; k++)
        {
            var fp = Params[k];
            if (!fp.Persistent) c.W.Line($"{fp.Record.CName} *r{k} = ({fp.Record.CName} *){c.Arg(fp.Param)};");
        }
        for (int k = 0; k < Params.Count; k++)
        {
            var fp = Params[k];
            if (fp.Persistent) continue;
            foreach (var cf in fp.Fields.Where(cf => cf.OutOnly)) c.W.Line($"{TypeOf(fp, cf)} {OldValue(k, cf)} = r{k} != NULL ? r{k}->{cf.Field} : NULL;");
        }
    }

    // template: a->p0 = (sqlite3_module *)dlcall__persist_sqlite3_module(a->p0);  if (r0 != NULL) { r0->zalloc = dlcall__wrap(...); }
    internal override void HostBefore(ThunkContext c)
    {
        foreach (var fp in Params.Where(fp => fp.Persistent))
            c.W.Line($"{c.Arg(fp.Param)} = ({fp.Param.Type.Spelling}){PersistentRecordEmitter.FunctionName(fp.Record)}({c.Arg(fp.Param)});");
        Swap(c, inbound: true, (fp, cf, field, type) =>
            $"{field} = ({type})dlcall__wrap((void *){field}, {cf.SignatureId}, \"{c.Spec.Library}: {fp.Record.CName}.{cf.Field}\");");
    }

    // template: if (r0 != NULL) { r0->zalloc = (alloc_func)(uintptr_t)dlcall_rt_guest_fn((const void *)r0->zalloc); }
    // The guest sees its own functions again, not our trampolines; a keepWrappedRecords struct keeps
    // them, for the library's later calls (the guest that stored a function there never reads it back).
    internal override void HostAfter(ThunkContext c) =>
        Swap(c, inbound: false, (_, _, field, type) => $"{field} = ({type})(uintptr_t)dlcall_rt_guest_fn((const void *){field});",
            fp => c.Spec.KeepWrappedRecords.Contains(fp.Record.Tag));

    /// <summary>Local holding an out-only field's value from before the call.</summary>
    private static string OldValue(int k, CallbackField cf) => $"old{k}_{cf.Field}";

    private static string TypeOf(CallbackFieldParam fp, CallbackField cf) => fp.Record.Fields.First(x => x.Name == cf.Field).Type.Spelling;

    // Inbound, out-only fields are left alone (the function never reads them; they may be garbage:
    // inflateCopy's fresh dest); outbound, one is translated only when the call changed it, so a
    // failed call leaves the guest's bytes as they were. A value the call wrote that equals the old
    // one needs no translation either way: the guest never holds trampolines.
    private void Swap(ThunkContext c, bool inbound, Func<CallbackFieldParam, CallbackField, string, string, string> line,
        Func<CallbackFieldParam, bool>? skip = null)
    {
        for (int k = 0; k < Params.Count; k++)
        {
            var fp = Params[k];
            var fields = fp.Fields.Where(cf => !inbound || !cf.OutOnly).ToList();
            // A struct the call freed is no longer the guest's to write (NCONF_free).
            if (fp.Persistent || fields.Count == 0 || (!inbound && c.F.Frees(fp.Param)) || skip?.Invoke(fp) == true) continue;
            int n = k;
            c.W.Block($"if (r{n} != NULL)", () =>
            {
                foreach (var cf in fields)
                {
                    string field = $"r{n}->{cf.Field}";
                    string text = line(fp, cf, field, TypeOf(fp, cf));
                    if (cf.OutOnly) c.W.Block($"if ({field} != {OldValue(n, cf)})", () => c.W.Line(text));
                    else c.W.Line(text);
                }
            });
        }
    }
}
