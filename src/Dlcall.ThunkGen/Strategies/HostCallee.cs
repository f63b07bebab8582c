// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Strategies;

/// <summary>spec hostCalls: the thunk calls a host function of the same signature (from hostSources)
/// instead of the real one, a host half that needs no guest override.</summary>
public sealed record HostCallee(string Callee) : Strategy
{
    public static Strategy? For(StrategyInput i) =>
        i.Spec.HostCalls.TryGetValue(i.Decl.Name, out var callee) ? new HostCallee(callee) : null;

    internal override string? HostCall(ThunkContext c) => Callee;

    // The hostSources come after the thunks. template: png_structp dlcall_png_create_write_struct(png_const_charp user_png_ver, ...);
    internal override void HostLocals(ThunkContext c) => c.W.Line(Emit.CDecl.Prototype(c.D with { Name = Callee }) + ";");
}
