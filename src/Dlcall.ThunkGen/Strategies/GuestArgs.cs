// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec guestArgs: a parameter the stub replaces, before the call, by a guest C expression over the
/// parameters (from stubSources), where the host cannot use the guest's value as it is: libcrypto's
/// ASN1_item_d2i(..., it) gets the host's version of a guest-defined ASN1_ITEM (dlcall_host_item(it)).
/// </summary>
public sealed record GuestArgs(IReadOnlyList<NullDefault> Params) : Strategy
{
    public static Strategy? For(StrategyInput i)
    {
        var found = NullDefaults.Find(i, i.Spec.GuestArgs);
        return found.Count > 0 ? new GuestArgs(found) : null;
    }

    // template: it = dlcall_host_item(it);
    internal override void GuestSetup(StubContext c)
    {
        foreach (var d in Params) c.W.Line($"{d.Param.Name} = {d.Value};");
    }
}
