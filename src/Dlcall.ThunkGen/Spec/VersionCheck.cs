// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Spec;

/// <summary>
/// A library whose consumers check its version at run time (the sqlite3 shell refuses to start
/// when sqlite3_sourceid() is not the one it was built with): the exported <c>const char[]</c>
/// <see cref="Symbol"/> holding the version, and how the host's must compare with the guest's,
/// <c>"equal"</c> or <c>"hostNotOlder"</c> (dotted numbers).
/// </summary>
public sealed record VersionCheck(string Symbol, string Rule);
