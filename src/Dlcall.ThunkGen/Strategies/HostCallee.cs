// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Strategies;

/// <summary>spec hostCalls: the thunk calls a host function of the same signature (from hostSources)
/// instead of the real one, a host half that needs no guest override; or, for a C expression over the
/// parameters, evaluates that (png_create_read_struct → png_create_read_struct_2(..., heap functions)).</summary>
public sealed record HostCallee(string Callee) : Strategy
{
    public static Strategy? For(StrategyInput i) =>
        i.Spec.HostCalls.TryGetValue(i.Decl.Name, out var callee) ? new HostCallee(callee) : null;

    // template: png_create_read_struct_2(a->p0, a->p1, a->p2, a->p3, NULL, (png_malloc_ptr)dlcall_rt_heap_ctx_alloc, ...)
    internal override string? HostCall(ThunkContext c) =>
        ParamExpr.IsExpression(Callee) ? "(" + ParamExpr.ForHost(c, Callee) + ")" : Callee;

    // The hostSources come after the thunks. template: png_structp dlcall_png_create_write_struct(png_const_charp user_png_ver, ...);
    internal override void HostLocals(ThunkContext c)
    {
        if (!ParamExpr.IsExpression(Callee)) c.W.Line(Emit.CDecl.Prototype(c.D with { Name = Callee }) + ";");
    }
}
