// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>
/// A record the host library hands the guest with host functions in it (spec hostObjectRecords,
/// e.g. sqlite3_vfs from sqlite3_vfs_find): the guest gets a proxy copy whose methods are guest
/// functions calling the host's. A method qualifies when its first parameter is the record itself,
/// which is how the proxy finds the host original.
/// </summary>
/// <param name="Record">The record.</param>
/// <param name="Methods">Function-pointer fields the proxy forwards, with their thunk slots.</param>
/// <param name="Dropped">Function-pointer fields no proxy can carry: NULL in the proxy.</param>
public sealed record HostObject(RecordDecl Record, IReadOnlyList<HostMethod> Methods, IReadOnlyList<string> Dropped)
{
    /// <summary>Guest function returning the proxy of a host record.</summary>
    public string ProxyFunction => "dlcall__proxy_" + Record.Tag;

    /// <summary>Guest function returning the host original of a proxy (anything else unchanged).</summary>
    public string HostFunction => "dlcall__host_" + Record.Tag;
}
