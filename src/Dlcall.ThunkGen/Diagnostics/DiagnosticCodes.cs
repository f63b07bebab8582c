// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Diagnostics;

/// <summary>Every diagnostic the generator reports (documented in docs/ThunkGen.md).</summary>
public static class DiagnosticCodes
{
    public const string SpecInvalid = "DLC001";
    public const string ClangFailed = "DLC002";
    public const string LayoutMismatch = "DLC003";
    public const string UnsupportedType = "DLC004";
    public const string MissingOnHost = "DLC005";
    public const string NotInHeaders = "DLC006";
    public const string VariadicNeedsOverride = "DLC007";
    public const string UnknownCallback = "DLC008";
    public const string ElfUnreadable = "DLC009";
    public const string CompileFailed = "DLC010";
}
