// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// Parameter names that would collide with the stub's own locals (OpenSSL's
/// <c>X509_verify(X509 *a, EVP_PKEY *r)</c>) get a trailing underscore: the names are the
/// header's, but only the types matter to callers.
/// </summary>
internal static class ParamNames
{
    private static readonly HashSet<string> StubLocals = ["a", "r", "frame"];

    /// <summary><paramref name="f"/> with every colliding parameter renamed.</summary>
    public static FunctionDecl Safe(FunctionDecl f) =>
        f.Params.Any(p => Collides(p.Name))
            ? f with { Params = f.Params.Select(p => Collides(p.Name) ? p with { Name = p.Name + "_" } : p).ToList() }
            : f;

    private static bool Collides(string name) => StubLocals.Contains(name) || name.StartsWith("dlcall_", StringComparison.Ordinal);
}
