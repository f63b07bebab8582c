// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>
/// For specs with <c>"layoutMismatch": "unavailable"</c>: a large API may have a few types whose
/// layout differs between host and guest (OpenSSL's RC4_KEY holds RC4_INT, unsigned int on x86_64
/// but unsigned char on aarch64). Rather than refuse the whole library, every forwarded function
/// that reaches such a type becomes unavailable, with a warning naming the type.
/// </summary>
public static class LayoutDemotion
{
    /// <summary>Type names whose size, alignment or any field offset differs.</summary>
    public static HashSet<string> Mismatched(IReadOnlyList<RecordLayout> host, IReadOnlyList<RecordLayout> guest)
    {
        var byName = guest.ToDictionary(g => g.CName);
        return host.Where(h => byName.TryGetValue(h.CName, out var g)
                && (h.Size != g.Size || h.Align != g.Align || !h.Fields.SequenceEqual(g.Fields)))
            .Select(h => h.CName).ToHashSet();
    }

    /// <summary>The plan with the functions reaching <paramref name="mismatched"/> unavailable and the
    /// remaining thunks renumbered.</summary>
    public static (BoundaryPlan Plan, List<Diagnostic> Diagnostics) Apply(BoundaryPlan plan, HeaderModel headers, IReadOnlySet<string> mismatched)
    {
        var diags = new List<Diagnostic>();
        var functions = new List<BoundaryFunction>();
        int next = 0;
        foreach (var f in plan.Functions)
        {
            if (f.Kind != FunctionKind.Forwarded)
            {
                functions.Add(f);
                continue;
            }
            string? bad = Reached(f.Decl, headers).FirstOrDefault(mismatched.Contains);
            if (bad is null)
            {
                functions.Add(f with { ThunkIndex = next++ });
                continue;
            }
            string reason = $"'{bad}' has another layout on the guest";
            diags.Add(new(Severity.Warning, DiagnosticCodes.LayoutMismatch, $"{f.Decl.Name}: {reason}; its stub aborts if called", f.Decl.Location));
            functions.Add(new BoundaryFunction(f.Decl, FunctionKind.Unavailable, reason, -1, []));
        }
        var forwarded = functions.Where(f => f.Kind == FunctionKind.Forwarded).SelectMany(f => Reached(f.Decl, headers)).ToHashSet();
        var records = plan.CheckedRecords.Where(r => forwarded.Contains(r.CName)).ToList();
        var typedefs = plan.CheckedTypedefs.Where(forwarded.Contains).ToList();
        return (plan with { Functions = functions, CheckedRecords = records, CheckedTypedefs = typedefs }, diags);
    }

    /// <summary>Record names ("struct x") and typedef names a function's parameters and return reach.</summary>
    private static HashSet<string> Reached(FunctionDecl decl, HeaderModel headers)
    {
        var seen = new HashSet<string>();
        void Visit(CType t)
        {
            seen.Add(t.Spelling.Replace("const ", "").Replace("*", "").Trim());
            while (t is PointerType p) t = p.Pointee;
            if (t is FunctionPointerType fp)
            {
                foreach (var x in fp.Parameters.Append(fp.Return)) Visit(x);
                return;
            }
            if (t is not RecordType rt || !headers.Records.TryGetValue(rt.Tag, out var rec) || !seen.Add(rec.CName)) return;
            foreach (var f in rec.Fields) Visit(f.Type);
        }
        foreach (var t in decl.Params.Select(p => p.Type).Append(decl.Return)) Visit(t);
        return seen;
    }
}
