// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Model;

/// <summary>A function parameter.</summary>
public sealed record ParamDecl(string Name, CType Type);

/// <summary>A function declared by the library's headers.</summary>
/// <param name="Location">file:line of the declaration.</param>
public sealed record FunctionDecl(string Name, CType Return, IReadOnlyList<ParamDecl> Params, bool IsVariadic, string Location);
