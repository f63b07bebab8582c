// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>One forwarded method of a <see cref="HostObject"/>.</summary>
public sealed record HostMethod(string Tag, string Field, FunctionPointerType Type, int ThunkIndex)
{
    /// <summary>The host thunk that calls the method.</summary>
    public string ThunkName => $"dlcall_method_{Tag}_{Field}";

    /// <summary>Its argument block: the host function, then the parameters.</summary>
    public string ArgsStruct => $"struct dlcall_margs_{Tag}_{Field}";

    /// <summary>The guest function standing in the proxy's field.</summary>
    public string GuestFunction => $"dlcall__method_{Tag}_{Field}";
}
