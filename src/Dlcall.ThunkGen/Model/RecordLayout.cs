// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Model;

/// <summary>Size, alignment and field offsets of a record on one target, as the compiler computed them.</summary>
public sealed record RecordLayout(string CName, long Size, long Align, IReadOnlyList<(string Field, long Offset)> Fields);
