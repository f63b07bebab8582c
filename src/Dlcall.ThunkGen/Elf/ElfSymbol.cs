// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Elf;

/// <summary>A symbol a shared library defines and exports.</summary>
/// <param name="Version">Its GNU version node, or null for an unversioned symbol.</param>
/// <param name="IsDefault">"name@@V" (true) or a hidden old "name@V" (false).</param>
/// <param name="IsFunction">STT_FUNC or STT_GNU_IFUNC (else data).</param>
/// <param name="Value">st_value: symbols with the same value are aliases of one object.</param>
/// <param name="Size">st_size in bytes.</param>
public sealed record ElfSymbol(string Name, string? Version, bool IsDefault, bool IsFunction, ulong Value = 0, ulong Size = 0);

/// <summary>A GNU version definition node ("ZLIB_1.2.9"), with the node it inherits from.</summary>
public sealed record VersionNode(string Name, string? Parent);

/// <summary>What the generator needs from a real library: its exports and version nodes.</summary>
public sealed record ElfLibraryInfo(IReadOnlyList<ElfSymbol> Symbols, IReadOnlyList<VersionNode> Versions);
