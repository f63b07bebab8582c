// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>
/// Finds the structs of guest callbacks a function reaches that the existing in-place swap
/// (a non-const struct passed by pointer, like z_stream) does not cover: by value, behind a
/// const pointer, and one pointer field deep (<c>lzma_stream.allocator</c>).
/// </summary>
internal static class CallbackCopyPlanner
{
    /// <remarks>Records the spec calls persistent (the library keeps the pointer: sqlite3_module) get a
    /// lasting host copy from <see cref="BoundaryPlanner"/> instead, even behind a const pointer. A pointer
    /// field to one of the <paramref name="state"/> records (spec stateRecords) is never copied: the library
    /// would work on the copy, and putting the field back after the call would undo its own replacement of
    /// it (xmlCtxtResetPush frees ctxt->input and pushes a new one; the old pointer came back, freed).</remarks>
    public static List<CallbackCopy> Plan(FunctionDecl decl, HeaderModel headers, Func<FunctionPointerType, int> signatureOf,
        IReadOnlyCollection<string> persistent, Func<ParamDecl, string, bool>? outOnly = null, IReadOnlyCollection<string>? state = null)
    {
        var copies = new List<CallbackCopy>();
        foreach (var p in decl.Params)
        {
            switch (p.Type)
            {
                case RecordType rt when Callbacks(rt, headers, signatureOf) is var (rec, fields):
                    copies.Add(new CallbackCopy(CallbackCopyKind.ByValue, p, null, rec, fields));
                    break;
                case PointerType { Pointee: RecordType rt, PointeeIsConst: true } when !persistent.Contains(rt.Tag) && Callbacks(rt, headers, signatureOf) is var (rec, fields):
                    copies.Add(new CallbackCopy(CallbackCopyKind.ConstPointer, p, null, rec, fields));
                    break;
                case PointerType { Pointee: RecordType outer, PointeeIsConst: false } when headers.Records.TryGetValue(outer.Tag, out var o):
                    // A const outer struct is never written, so its callback pointers stay as they are.
                    // A field the function only writes is no input: nothing to copy (spec outOnlyFields).
                    foreach (var f in o.Fields.Where(f => outOnly?.Invoke(p, f.Name) != true))
                    {
                        if (f.Type is PointerType { Pointee: RecordType inner } && state?.Contains(inner.Tag) != true
                            && Callbacks(inner, headers, signatureOf) is var (rec, fields))
                            copies.Add(new CallbackCopy(CallbackCopyKind.PointerField, p, f, rec, fields));
                    }
                    break;
            }
        }
        return copies;
    }

    /// <summary>The struct and its function-pointer fields that callbacks can carry, or null.</summary>
    private static (RecordDecl, List<CallbackField>)? Callbacks(RecordType rt, HeaderModel headers, Func<FunctionPointerType, int> signatureOf)
    {
        if (!headers.Records.TryGetValue(rt.Tag, out var rec) || !rec.IsComplete) return null;
        var usable = rec.Fields.Where(f => f.Type is FunctionPointerType fp && BoundaryPlanner.CallbackProblem(fp) is null).ToList();
        return usable.Count == 0 ? null
            : (rec, usable.Select(f => new CallbackField(f.Name, signatureOf((FunctionPointerType)f.Type))).ToList());
    }
}
