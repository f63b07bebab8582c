// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Emit;

/// <summary>C spelling helpers shared by the emitters.</summary>
internal static class CDecl
{
    /// <summary>"T name", with the name inside a function-pointer declarator where needed:
    /// ("void (*)(int)", "cb") -> "void (*cb)(int)".</summary>
    public static string Declare(CType type, string name) => Declare(type.Spelling, name);

    /// <inheritdoc cref="Declare(CType, string)"/>
    public static string Declare(string spelling, string name)
    {
        // "int (**)(EC_KEY *)" (a pointer to a function pointer) takes the name after its stars too.
        var m = System.Text.RegularExpressions.Regex.Match(spelling, @"\(\*+\)");
        return m.Success ? spelling[..(m.Index + m.Length - 1)] + name + spelling[(m.Index + m.Length - 1)..] : $"{spelling} {name}";
    }

    /// <summary>The prototype as the header has it, name parenthesised against function-like macros:
    /// "int (deflate)(z_streamp strm, int flush)".</summary>
    public static string Prototype(FunctionDecl f)
    {
        string ps = f.Params.Count == 0 ? "void" : string.Join(", ", f.Params.Select(p => Declare(p.Type, p.Name)));
        if (f.IsVariadic) ps += ", ...";
        return Declare(f.Return, $"({f.Name})({ps})");
    }

    /// <summary>An expression of <paramref name="type"/> widened to 64 bits (callback arguments).</summary>
    public static string ToBits(CType type, string expr) => type switch
    {
        ScalarType { IsFloat: true } => $"dlcall__d2b({expr})",
        ScalarType => $"(uint64_t)({expr})",
        _ => $"(uint64_t)(uintptr_t)({expr})",
    };

    /// <summary>64 bits back to <paramref name="type"/>.</summary>
    public static string FromBits(CType type, string expr) => type switch
    {
        ScalarType { IsFloat: true } => $"({type.Spelling})dlcall__b2d({expr})",
        ScalarType => $"({type.Spelling})({expr})",
        _ => $"({type.Spelling})(uintptr_t)({expr})",
    };

    /// <summary>Bit-cast helpers both generated files use for floating-point callback values.</summary>
    public const string BitHelpers =
        "static inline uint64_t dlcall__d2b(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }\n" +
        "static inline double dlcall__b2d(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }";
}
