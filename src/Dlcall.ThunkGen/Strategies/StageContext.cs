// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>What a strategy sees while the guest stub of <see cref="F"/> is written: its argument
/// block is the local <c>a</c>, its result <c>r</c>.</summary>
internal sealed record StubContext(CWriter W, LibrarySpec Spec, BoundaryPlan Plan, BoundaryFunction F)
{
    public FunctionDecl D => F.Decl;

    public bool HasResult => D.Return is not VoidType;

    /// <summary>The result pointer handed to the thunk.</summary>
    public string RetPtr => HasResult ? "&r" : "NULL";

    public string Thunk => $"dlcall__thunk[{F.ThunkIndex}]";

    // template: dlcall_invoke_fast(dlcall__thunk[3], &a, &r);
    public string FastCall => $"dlcall_invoke_fast({Thunk}, &a, {RetPtr});";

    /// <summary>Index of <paramref name="p"/> in the argument block (field p<i>i</i>).</summary>
    public int IndexOf(ParamDecl p) => ArgsStructEmitter.IndexOf(D, p);

    /// <summary>The coroutine path's call, for the strategies that need <see cref="CallPath.Host"/>:
    /// true when it is this function's path (and was emitted).</summary>
    public bool CallHostIfItsPath()
    {
        if (F.Path != CallPath.Host) return false;
        W.Line("dlcall_call_host(&dlcall__rt, &frame);");
        return true;
    }
}

/// <summary>What a strategy sees while the host thunk of <see cref="F"/> is written: the argument
/// block is <c>a</c> (a pointer), the result slot <c>ret</c>.</summary>
internal sealed record ThunkContext(CWriter W, LibrarySpec Spec, BoundaryFunction F)
{
    public FunctionDecl D => F.Decl;

    /// <summary>The argument block field of <paramref name="p"/>: <c>a->p<i>i</i></c>.</summary>
    public string Arg(ParamDecl p) => $"a->p{ArgsStructEmitter.IndexOf(D, p)}";
}
