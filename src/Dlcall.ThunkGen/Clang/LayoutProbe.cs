// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Clang;

/// <summary>
/// Asks clang for sizes, alignments and field offsets on one target. Each quantity becomes the
/// length of an array (<c>extern char dlcall_probe_7[offsetof(struct s, f) + 1];</c>) whose type
/// clang prints in the AST, so the compiler's own layout is read back without running anything.
/// </summary>
internal static partial class LayoutProbe
{
    /// <summary>Layouts of <paramref name="types"/> (a C type name and the fields to measure;
    /// no fields for a scalar typedef) on <paramref name="triple"/>.</summary>
    public static (IReadOnlyList<RecordLayout> Layouts, string Errors) Measure(
        string prelude, IReadOnlyList<(string CName, IReadOnlyList<string> Fields)> types,
        string triple, IEnumerable<string> includeDirs)
    {
        var source = new StringBuilder(prelude).Append("\n#include <stddef.h>\n");
        var queries = new List<(int Type, string? Field, string What)>();
        void Probe(int type, string? field, string what, string expr)
        {
            source.Append($"extern char dlcall_probe_{queries.Count}[({expr}) + 1];\n");
            queries.Add((type, field, what));
        }
        for (int t = 0; t < types.Count; t++)
        {
            var (cname, fields) = types[t];
            Probe(t, null, "size", $"sizeof({cname})");
            Probe(t, null, "align", $"_Alignof({cname})");
            foreach (string f in fields) Probe(t, f, "offset", $"offsetof({cname}, {f})");
        }

        var (ast, errors) = ClangRunner.DumpAst(source.ToString(), triple, includeDirs);
        if (ast is null) return ([], errors);
        var values = new Dictionary<int, long>();
        foreach (var decl in ast.RootElement.GetProperty("inner").EnumerateArray())
        {
            if (!decl.TryGetProperty("name", out var n)) continue;
            var m = ProbeNameRegex().Match(n.GetString()!);
            if (!m.Success) continue;
            var size = ArrayLengthRegex().Match(decl.GetProperty("type").GetProperty("qualType").GetString()!);
            values[int.Parse(m.Groups[1].Value)] = long.Parse(size.Groups[1].Value) - 1;
        }

        var layouts = new List<RecordLayout>();
        for (int t = 0; t < types.Count; t++)
        {
            long size = 0, align = 0;
            var offsets = new List<(string, long)>();
            for (int q = 0; q < queries.Count; q++)
            {
                if (queries[q].Type != t) continue;
                long v = values[q];
                if (queries[q].What == "size") size = v;
                else if (queries[q].What == "align") align = v;
                else offsets.Add((queries[q].Field!, v));
            }
            layouts.Add(new RecordLayout(types[t].CName, size, align, offsets));
        }
        return (layouts, "");
    }

    [GeneratedRegex(@"^dlcall_probe_(\d+)$")]
    private static partial Regex ProbeNameRegex();

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex ArrayLengthRegex();
}
