// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec guestHeap.defaultAllocators: allocator parameters the guest passed all as NULL (the library's
/// own defaults, host malloc) get the guest-mapped heap's functions for the call, so what the library
/// allocates stays reachable by guest system calls. Placed after the callback strategies: the host
/// sees the trampolines they made, and NULL stays NULL. The argument block gets its NULLs back after
/// the call, for the stages that undo theirs.
/// </summary>
public sealed record HeapDefaults(IReadOnlyList<(ParamDecl Param, string Fn)> Params) : Strategy
{
    public static Strategy? For(StrategyInput i)
    {
        if (i.Spec.GuestHeap?.DefaultAllocators is not { } d || !d.Functions.Contains(i.Decl.Name)) return null;
        var found = d.Params.Select(kv => (Param: i.Decl.Params.FirstOrDefault(p => p.Name == kv.Key), Fn: kv.Value)).ToList();
        // A parameter the function lacks is reported by the spec check (AnnotationEmitter); nothing is half-done.
        return found.All(f => f.Param != null) && found.Count > 0 ? new HeapDefaults(found.Select(f => (f.Param!, f.Fn)).ToList()) : null;
    }

    internal override void HostLocals(ThunkContext c) => c.W.Line("int heap_defaults = 0;");

    // template: if (a->p5 == NULL && a->p6 == NULL) { a->p5 = (png_malloc_ptr)dlcall_rt_heap_ctx_alloc; ...; heap_defaults = 1; }
    internal override void HostBefore(ThunkContext c)
    {
        c.W.Block($"if ({string.Join(" && ", Params.Select(p => $"{c.Arg(p.Param)} == NULL"))})", () =>
        {
            foreach (var (p, fn) in Params) c.W.Line($"{c.Arg(p)} = ({p.Type.Spelling}){fn};");
            c.W.Line("heap_defaults = 1;");
        });
    }

    internal override void HostAfter(ThunkContext c)
    {
        c.W.Block("if (heap_defaults)", () =>
        {
            foreach (var (p, _) in Params) c.W.Line($"{c.Arg(p)} = NULL;");
        });
    }
}
