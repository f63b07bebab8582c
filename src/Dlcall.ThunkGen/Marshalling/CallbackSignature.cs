// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>
/// One distinct C signature of guest functions the host may call back. Each gets a guest-side
/// invoker (runs the guest function from widened arguments) and a host-side entry (has the real
/// C signature, so host code can call the trampoline like the original).
/// </summary>
public sealed record CallbackSignature(int Id, FunctionPointerType Type)
{
    /// <summary>Identity of the shape: return and parameter types, desugared.</summary>
    public static string KeyOf(FunctionPointerType t) =>
        t.Return.Spelling + "(" + string.Join(",", t.Parameters.Select(p => p.Spelling)) + ")";
}

/// <summary>A function-pointer field of a record the guest passes by pointer.</summary>
/// <param name="OutOnly">The function only writes it (spec outOnlyFields): not wrapped on the way in,
/// and unwrapped on the way out only when the call changed it.</param>
public sealed record CallbackField(string Field, int SignatureId, bool OutOnly = false);

/// <summary>A parameter pointing to a record whose fields hold guest callbacks (z_stream.zalloc).</summary>
/// <param name="Persistent">The library keeps the pointer (spec persistentRecords): the host gets a lasting copy.</param>
public sealed record CallbackFieldParam(ParamDecl Param, RecordDecl Record, IReadOnlyList<CallbackField> Fields, bool Persistent = false);

/// <summary>A parameter pointing to a record with a field the library fills with host strings.</summary>
/// <param name="OutOnly">The function only writes it (spec outOnlyFields): copied only when the call changed it,
/// since an unwritten one may hold anything (inflateCopy's fresh dest).</param>
public sealed record HostStringFieldParam(ParamDecl Param, string Field, bool OutOnly = false);
