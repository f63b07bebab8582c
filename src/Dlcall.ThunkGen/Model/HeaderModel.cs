// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Model;

/// <summary>What a library's headers declare, for one target.</summary>
/// <param name="Functions">Functions declared in the library's own headers, by name.</param>
/// <param name="Records">Struct and union definitions, by tag.</param>
/// <param name="Typedefs">Typedef name to the spelling of its desugared type.</param>
public sealed record HeaderModel(
    IReadOnlyDictionary<string, FunctionDecl> Functions,
    IReadOnlyDictionary<string, RecordDecl> Records,
    IReadOnlyDictionary<string, string> Typedefs);
