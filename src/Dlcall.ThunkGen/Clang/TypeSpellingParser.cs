// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.RegularExpressions;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Clang;

/// <summary>
/// Turns clang's type spellings (the JSON AST's qualType / desugaredQualType) into the model.
/// Only this class knows how clang prints types; it covers what C library APIs use: scalars,
/// pointers, function pointers, records, va_list.
/// </summary>
internal static partial class TypeSpellingParser
{
    private static readonly Dictionary<string, (int Size, bool Float)> Builtins = new()
    {
        ["_Bool"] = (1, false), ["char"] = (1, false), ["signed char"] = (1, false), ["unsigned char"] = (1, false),
        ["short"] = (2, false), ["unsigned short"] = (2, false),
        ["int"] = (4, false), ["unsigned int"] = (4, false),
        ["long"] = (8, false), ["unsigned long"] = (8, false),
        ["long long"] = (8, false), ["unsigned long long"] = (8, false),
        ["float"] = (4, true), ["double"] = (8, true),
    };

    /// <summary>Parses <paramref name="desugared"/>; <paramref name="spelling"/> is kept for emission.</summary>
    public static CType Parse(string spelling, string desugared)
    {
        // A qualified pointer ("png_struct *restrict", "char *const") is the pointer.
        string s = PointerQualifierRegex().Replace(Normalize(desugared), "*");
        // A pointer to a function typedef ("BIO_info_cb *") desugars to "int (struct bio_st*, int)*".
        var fnTypePtr = FunctionTypePointerRegex().Match(s);
        if (fnTypePtr.Success)
        {
            string canonical = $"{fnTypePtr.Groups["ret"].Value.Trim()} (*)({fnTypePtr.Groups["params"].Value})";
            return Parse(spelling == desugared ? canonical : spelling, canonical);
        }
        // "int (**)(EC_KEY *)": a pointer to a function pointer.
        var fnPtrPtr = FunctionPointerPointerRegex().Match(s);
        if (fnPtrPtr.Success)
        {
            string inner = $"{fnPtrPtr.Groups["ret"].Value} (*{fnPtrPtr.Groups["stars"].Value[1..]})({fnPtrPtr.Groups["params"].Value})";
            return new PointerType(spelling, Parse(inner, inner), false);
        }
        var fn = FunctionPointerRegex().Match(s);
        if (fn.Success)
        {
            // "void (*(*)(int))(void)" leaves a parenthesis in the return part; a typedef'd one,
            // "void (*)(void) (*)(int)", unbalanced parameters.
            if (fn.Groups["ret"].Value.Contains('(') || !Balanced(fn.Groups["params"].Value))
                return (CType?)FunctionReturningFunction(spelling, desugared, s) ?? new UnsupportedType(spelling, "a function pointer returning a function pointer");
            var ret = Parse(fn.Groups["ret"].Value.Trim(), fn.Groups["ret"].Value.Trim());
            string paramText = fn.Groups["params"].Value.Trim();
            var parameters = paramText is "" or "void"
                ? new List<CType>()
                : SplitTopLevel(paramText).Select(p => Parse(p, p)).ToList();
            return new FunctionPointerType(spelling, ret, parameters);
        }
        // "F *" with F a function typedef (zstd's ZSTD_sequenceProducer_F *) resolves to "R (P) *".
        var fnType = s.EndsWith('*') ? FunctionTypeRegex().Match(s[..^1].Trim()) : Match.Empty;
        if (fnType.Success) return Parse(spelling, $"{fnType.Groups["ret"].Value} (*)({fnType.Groups["params"].Value})");
        // A pointer to an array ("jmp_buf *", "struct __jmp_buf_tag (*)[1]") is an address like a
        // pointer to its first element.
        var arrayPtr = ArrayPointerRegex().Match(s);
        if (arrayPtr.Success)
        {
            string elem = arrayPtr.Groups["elem"].Value.Trim();
            return new PointerType(spelling, Parse(elem, elem), elem.StartsWith("const ", StringComparison.Ordinal));
        }
        if (s.Contains('[')) return new UnsupportedType(spelling, "arrays cannot cross the boundary by value");
        // x86_64's va_list is an array: as a parameter it decays to this pointer.
        if (StripQualifiers(s) == "struct __va_list_tag*") return new VaListType("va_list");
        if (s.EndsWith('*'))
        {
            string inner = s[..^1].Trim();
            bool innerConst = inner.StartsWith("const ", StringComparison.Ordinal) || inner.EndsWith(" const", StringComparison.Ordinal);
            return new PointerType(spelling, Parse(inner, inner), innerConst);
        }
        string bare = StripQualifiers(s);
        if (bare == "void") return new VoidType(spelling);
        if (bare is "__builtin_va_list" or "va_list" or "__gnuc_va_list" or "struct __va_list_tag" or "struct __va_list")
            return new VaListType(spelling);
        if (bare.StartsWith("enum ", StringComparison.Ordinal)) return new ScalarType(spelling, "int", 4, false);
        if (bare.StartsWith("struct ", StringComparison.Ordinal)) return new RecordType(spelling, bare[7..], false);
        if (bare.StartsWith("union ", StringComparison.Ordinal)) return new RecordType(spelling, bare[6..], true);
        if (Builtins.TryGetValue(bare, out var b)) return new ScalarType(spelling, bare, b.Size, b.Float);
        if (bare == "long double") return new UnsupportedType(spelling, "long double differs between x86_64 (80-bit) and aarch64/riscv64 (128-bit)");
        return new UnsupportedType(spelling, $"unknown type '{bare}'");
    }

    /// <summary>Splits "a, b (*)(c, d), e" at top-level commas.</summary>
    public static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0)
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }
        parts.Add(text[start..].Trim());
        return parts;
    }

    /// <summary>A function pointer returning one (libxml2's xmlXPathFuncLookupFunc), as clang spells it
    /// with the return's typedef desugared, "void (*)(void) (*)(int)", or written out,
    /// "void (*(*)(int))(void)"; null for anything else.</summary>
    private static FunctionPointerType? FunctionReturningFunction(string spelling, string desugared, string s)
    {
        string? retText = null, paramText = null;
        var nested = NestedFunctionPointerRegex().Match(s);
        if (nested.Success && Balanced(nested.Groups["inner"].Value) && Balanced(nested.Groups["outer"].Value))
        {
            retText = $"{nested.Groups["ret"].Value.Trim()} (*)({nested.Groups["outer"].Value})";
            paramText = nested.Groups["inner"].Value;
        }
        else if (s.EndsWith(')'))
        {
            // The last "(*)(" whose parameters run to the end: before it, the returned type.
            for (int i = s.LastIndexOf("(*)(", StringComparison.Ordinal); i > 0; i = s.LastIndexOf("(*)(", i - 1, StringComparison.Ordinal))
            {
                string ret = s[..i].Trim(), ps = s[(i + 4)..^1];
                if (ret.EndsWith(')') && Balanced(ret) && Balanced(ps))
                {
                    (retText, paramText) = (ret, ps);
                    break;
                }
            }
        }
        if (retText == null || Parse(retText, retText) is not FunctionPointerType returned) return null;
        var parameters = paramText!.Trim() is "" or "void" ? new List<CType>() : SplitTopLevel(paramText).Select(p => Parse(p, p)).ToList();
        // Without a typedef the spelling must be valid C: the written-out form.
        string own = spelling == desugared
            ? Emit.CDecl.Declare(returned.Spelling, $"(*)({(parameters.Count == 0 ? "void" : string.Join(", ", parameters.Select(p => p.Spelling)))})")
            : spelling;
        return new FunctionPointerType(own, returned, parameters);
    }

    [GeneratedRegex(@"^(?<ret>[^()]+?)\s*\(\*\(\*\)\((?<inner>.*)\)\)\s*\((?<outer>.*)\)$")]
    private static partial Regex NestedFunctionPointerRegex();

    private static bool Balanced(string text)
    {
        int depth = 0;
        foreach (char c in text)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) return false;
        }
        return depth == 0;
    }

    private static string Normalize(string s) => WhitespaceRegex().Replace(s.Replace(" *", "*").Replace("* ", "*"), " ").Trim();

    private static string StripQualifiers(string s) =>
        WhitespaceRegex().Replace(QualifierRegex().Replace(s, " "), " ").Trim();

    // Both spellings: clang's "T (*)[1]", and "T[1]*" from a typedef resolved by name.
    [GeneratedRegex(@"^(?<elem>[^()\[\]]+?)\s*(?:\(\*\)\s*\[\d*\]|\[\d*\]\s*\*)$")]
    private static partial Regex ArrayPointerRegex();

    [GeneratedRegex(@"^(?<ret>.*?)\s*\(\*\s*(?:const\s*)?\)\s*\((?<params>.*)\)$")]
    private static partial Regex FunctionPointerRegex();

    // A function type whose return type has no parentheses: "unsigned long (void*, int)".
    [GeneratedRegex(@"^(?<ret>[^()]+?)\s*\((?<params>.*)\)$")]
    private static partial Regex FunctionTypeRegex();

    [GeneratedRegex(@"^(?<ret>[^()]*?)\s*\((?<params>[^*].*)\)\*$")]
    private static partial Regex FunctionTypePointerRegex();

    [GeneratedRegex(@"^(?<ret>[^()]*?)\s*\(\*(?<stars>\*+)\)\s*\((?<params>.*)\)$")]
    private static partial Regex FunctionPointerPointerRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();

    [GeneratedRegex(@"\*\s*(?:(?:const|volatile|restrict|__restrict)\s*)+$")]
    private static partial Regex PointerQualifierRegex();

    [GeneratedRegex(@"\b(const|volatile|restrict|__restrict)\b")]
    private static partial Regex QualifierRegex();
}
