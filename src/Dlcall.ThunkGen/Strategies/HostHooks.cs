// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec hostHooks: the host thunk calls the spec's Enter with each argument of the hooked types before
/// the real call and Leave after it, in reverse. Placed just outside <see cref="Raises"/>, so Leave runs
/// after a raise too (libjpeg's hooks switch a cinfo between the guest's and the host's method tables:
/// docs/Longjmp.md).
/// </summary>
public sealed record HostHooks(string Enter, string Leave, IReadOnlyList<int> Params) : Strategy
{
    public static Strategy? For(StrategyInput i)
    {
        if (i.Spec.HostHooksFor(i.Decl.Name) is not { } h) return null;
        var hooked = Enumerable.Range(0, i.Decl.Params.Count)
            .Where(k => i.Decl.Params[k].Type is PointerType && h.Types.Contains(i.Decl.Params[k].Type.Spelling)).ToList();
        return hooked.Count > 0 ? new HostHooks(h.Enter, h.Leave, hooked) : null;
    }

    // The hostSources come after the thunks. template: uint64_t dlcall_hook_enter(void *); ... uint64_t hk0;
    internal override void HostLocals(ThunkContext c)
    {
        c.W.Line($"uint64_t {Enter}(void *);");
        c.W.Line($"void {Leave}(void *, uint64_t);");
        foreach (int k in Params) c.W.Line($"uint64_t hk{k};");
    }

    // template: hk0 = dlcall_jpeg_enter((void *)a->p0);
    internal override void HostBefore(ThunkContext c)
    {
        foreach (int k in Params) c.W.Line($"hk{k} = {Enter}((void *){c.Arg(c.D.Params[k])});");
    }

    internal override void HostAfter(ThunkContext c)
    {
        foreach (int k in Params.Reverse()) c.W.Line($"{Leave}((void *){c.Arg(c.D.Params[k])}, hk{k});");
    }
}
