// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>
/// Decides, for every function the real guest library exports, how the stub implements it:
/// forwarded (with which callback and string handling), overridden, or unavailable (and why).
/// </summary>
public static class BoundaryPlanner
{
    /// <summary>DLCALL_CB_MAX_ARGS of native/include/dlcall/thunk.h: the arguments a callback frame carries.</summary>
    public const int MaxCallbackArgs = 10;

    /// <summary>Plans the boundary; problems come back as diagnostics. <paramref name="signatureSeed"/>
    /// fixes the numbering of callback signatures (those of the host-side plan, see ThunkGenerator).</summary>
    public static (BoundaryPlan Plan, List<Diagnostic> Diagnostics) Plan(LibrarySpec spec, string specDir,
        HeaderModel headers, ElfLibraryInfo guestLib, ElfLibraryInfo hostLib, IReadOnlyList<CallbackSignature>? signatureSeed = null)
    {
        var diags = new List<Diagnostic>();
        var signatures = (signatureSeed ?? []).ToDictionary(s => CallbackSignature.KeyOf(s.Type));
        var hostExports = hostLib.Symbols.Where(s => s.IsFunction).Select(s => s.Name).ToHashSet();
        var functions = new List<BoundaryFunction>();
        var exported = guestLib.Symbols.Where(s => s.IsDefault).GroupBy(s => s.Name).Select(g => g.First())
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

        foreach (var sym in exported.Where(s => !s.IsFunction && !spec.FallbackToGuest))
            diags.Add(new(Severity.Warning, DiagnosticCodes.UnsupportedType, $"data symbol '{sym.Name}' is not forwarded"));

        functions.AddRange(FixedForms.Plan(spec, headers, hostExports, diags));
        foreach (var sym in exported.Where(s => s.IsFunction))
        {
            string name = sym.Name;
            headers.Functions.TryGetValue(name, out var decl);
            decl ??= new FunctionDecl(name, new VoidType("void"), [], false, spec.Soname);
            if (spec.GuestOverrides.TryGetValue(name, out var overridePath))
            {
                functions.Add(Simple(decl, FunctionKind.GuestOverride, null) with { Override = Path.Combine(specDir, overridePath) });
                continue;
            }
            string? reason = NamePatterns.Matches(spec.Exclude, name) ? "excluded by the spec"
                : !headers.Functions.ContainsKey(name) ? "not declared in the headers"
                : !hostExports.Contains(name) ? "the host library does not export it"
                : Unsupported(decl);
            if (reason != null && spec.FallbackToGuest)
            {
                // Not an abort: the real guest library serves it, emulated.
                functions.Add(Simple(decl, FunctionKind.GuestFallback, reason));
                continue;
            }
            if (reason != null)
            {
                string code = reason.StartsWith("the host", StringComparison.Ordinal) ? DiagnosticCodes.MissingOnHost
                    : reason.StartsWith("not declared", StringComparison.Ordinal) ? DiagnosticCodes.NotInHeaders
                    : decl.IsVariadic || reason.Contains("va_list") ? DiagnosticCodes.VariadicNeedsOverride
                    : DiagnosticCodes.UnsupportedType;
                if (reason != "excluded by the spec" && !(spec.QuietUndeclared && code == DiagnosticCodes.NotInHeaders))
                    diags.Add(new(Severity.Warning, code, $"{name}: {reason}; its stub aborts if called", decl.Location));
                functions.Add(Simple(decl, FunctionKind.Unavailable, reason));
                continue;
            }
            functions.Add(PlanForwarded(decl, functions.Count(f => f.Kind == FunctionKind.Forwarded), spec, headers, signatures));
        }

        var records = ReachableRecords(functions, headers);
        // va_list never crosses (its functions are overridden or unavailable): not compared.
        var typedefs = functions.SelectMany(f => f.Decl.Params.Select(p => p.Type).Append(f.Decl.Return))
            .Where(t => t is not VaListType).Select(t => t.Spelling.Replace("const ", "").Trim()).Where(headers.Typedefs.ContainsKey)
            .Where(t => records.All(r => r.CName != t)) // an unnamed struct's typedef is checked as the record
            .Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
        foreach (string key in spec.NullDefaults.Keys.Where(k => !functions.Any(f => (f.NullDefaults ?? []).Any(n => $"{f.Decl.Name}.{n.Param.Name}" == k))))
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"nullDefaults: '{key}' is no parameter of a forwarded function"));
        diags.AddRange(CheckOutOnlyFields(spec, headers));
        foreach (string key in spec.FreedParams.Where(k => !IsPointerParam(headers, k)))
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"freedParams: '{key}' is no pointer parameter of a declared function"));
        foreach (string tag in spec.RetainsCallbacks.Where(t => !headers.Records.ContainsKey(t)))
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"retainsCallbacks: the headers declare no struct '{tag}'"));
        var plan = new BoundaryPlan(functions, signatures.Values.OrderBy(s => s.Id).ToList(), records, typedefs, guestLib,
            spec.StubSources.Select(s => Path.Combine(specDir, s)).ToList())
        {
            GuestData = spec.FallbackToGuest ? exported.Where(s => !s.IsFunction).ToList() : [],
        };
        return (plan, diags);
    }

    /// <summary>Each outOnlyFields entry must name a declared function's pointer to a writable struct
    /// and fields of that struct: a misspelt one would silently leave the bug it is there to prevent.
    /// (A function this guest or host lacks is no error: one spec serves every guest root.)</summary>
    private static IEnumerable<Diagnostic> CheckOutOnlyFields(LibrarySpec spec, HeaderModel headers)
    {
        foreach (var (key, fields) in spec.OutOnlyFields)
        {
            int dot = key.LastIndexOf('.');
            var decl = dot < 0 ? null : headers.Functions.GetValueOrDefault(key[..dot]);
            var param = decl?.Params.FirstOrDefault(p => p.Name == key[(dot + 1)..]);
            if (param?.Type is not PointerType { Pointee: RecordType rt, PointeeIsConst: false } || !headers.Records.TryGetValue(rt.Tag, out var rec))
            {
                yield return new(Severity.Error, DiagnosticCodes.SpecInvalid,
                    $"outOnlyFields: '{key}' is no parameter of a declared function pointing to a writable struct");
                continue;
            }
            foreach (string field in fields.Where(x => x != "*" && rec.Fields.All(f => f.Name != x)))
                yield return new(Severity.Error, DiagnosticCodes.SpecInvalid, $"outOnlyFields: '{key}': {rec.CName} has no field '{field}'");
        }
    }

    private static bool IsPointerParam(HeaderModel headers, string key)
    {
        int dot = key.LastIndexOf('.');
        return dot > 0 && headers.Functions.TryGetValue(key[..dot], out var decl)
            && decl.Params.Any(p => p.Name == key[(dot + 1)..] && p.Type is PointerType);
    }

    private static BoundaryFunction Simple(FunctionDecl decl, FunctionKind kind, string? reason) =>
        new(decl, kind, reason, -1, [], [], [], false, false);

    private static string? Unsupported(FunctionDecl decl)
    {
        if (decl.IsVariadic) return "variadic (give it a guestOverride)";
        // A returned function pointer is never called by the host: no callback rules for it.
        var all = decl.Params.Select(p => (Type: p.Type, IsReturn: false)).Append((Type: decl.Return, IsReturn: true));
        foreach (var (t, isReturn) in all)
        {
            if (t is VaListType) return "takes a va_list (give it a guestOverride)";
            if (t is UnsupportedType u) return $"type '{u.Spelling}': {u.Reason}";
            if (t is FunctionPointerType fp && !isReturn && CallbackProblem(fp) is string why) return why;
            if (t is PointerType { Pointee: FunctionPointerType }) return "passes function pointers by reference, which may be host code the guest cannot call";
            // A guest FILE is guest libc's object: host libc would follow its pointers into garbage.
            if (t is PointerType { Pointee.Spelling: "FILE" or "struct _IO_FILE" }) return "passes a guest stdio FILE *, which host libc cannot use";
        }
        return null;
    }

    /// <summary>Why a callback of this type cannot cross, or null.</summary>
    internal static string? CallbackProblem(FunctionPointerType fp)
    {
        if (fp.Parameters.Count > MaxCallbackArgs) return $"callback '{fp.Spelling}' has more than {MaxCallbackArgs} parameters";
        foreach (var t in fp.Parameters.Append(fp.Return))
        {
            if (t is not (ScalarType or PointerType or VoidType))
                return $"callback '{fp.Spelling}' passes '{t.Spelling}', which callbacks cannot carry";
            // A slot the guest would fill with a guest function the host then calls.
            if (t is PointerType { Pointee: FunctionPointerType })
                return $"callback '{fp.Spelling}' passes function pointers by reference, which callbacks cannot carry";
        }
        return null;
    }

    private static BoundaryFunction PlanForwarded(FunctionDecl decl, int thunkIndex, LibrarySpec spec,
        HeaderModel headers, Dictionary<string, CallbackSignature> signatures)
    {
        int SignatureOf(FunctionPointerType fp)
        {
            string key = CallbackSignature.KeyOf(fp);
            if (!signatures.TryGetValue(key, out var sig)) signatures[key] = sig = new CallbackSignature(signatures.Count, fp);
            return sig.Id;
        }
        bool OutOnly(ParamDecl p, string field) =>
            spec.OutOnlyFields.TryGetValue($"{decl.Name}.{p.Name}", out var fs) && (fs.Contains("*") || fs.Contains(field));
        var cbParams = decl.Params.Where(p => p.Type is FunctionPointerType)
            .Select(p => (p, SignatureOf((FunctionPointerType)p.Type))).ToList();
        var fieldParams = new List<CallbackFieldParam>();
        var stringFields = new List<HostStringFieldParam>();
        foreach (var p in decl.Params)
        {
            if (p.Type is not PointerType { Pointee: RecordType rt } || !headers.Records.TryGetValue(rt.Tag, out var rec)) continue;
            var fields = rec.Fields.Where(f => f.Type is FunctionPointerType fp && CallbackProblem(fp) is null)
                .Select(f => new CallbackField(f.Name, SignatureOf((FunctionPointerType)f.Type), OutOnly(p, f.Name))).ToList();
            // Behind a const pointer the struct may be read-only: CallbackCopyPlanner gives the library a
            // copy, unless it is persistent (then the library gets a lasting copy here).
            bool persistent = spec.PersistentRecords.Contains(rt.Tag);
            if (fields.Count > 0 && (!((PointerType)p.Type).PointeeIsConst || persistent))
                fieldParams.Add(new CallbackFieldParam(p, rec, fields, persistent));
            stringFields.AddRange(spec.HostStringFields.Where(sf => sf.StartsWith(rt.Tag + ".", StringComparison.Ordinal))
                .Select(sf => new HostStringFieldParam(p, sf[(rt.Tag.Length + 1)..], OutOnly(p, sf[(rt.Tag.Length + 1)..]))));
        }
        var copies = CallbackCopyPlanner.Plan(decl, headers, SignatureOf, spec.PersistentRecords.ToHashSet(), OutOnly);
        bool retained = decl.Params.Any(p => p.Type is PointerType { Pointee: RecordType rt } && spec.RetainsCallbacks.Contains(rt.Tag));
        var nullDefaults = decl.Params.Where(p => spec.NullDefaults.ContainsKey($"{decl.Name}.{p.Name}"))
            .Select(p => new NullDefault(p, spec.NullDefaults[$"{decl.Name}.{p.Name}"])).ToList();
        var f = new BoundaryFunction(decl, FunctionKind.Forwarded, null, thunkIndex, cbParams, fieldParams, stringFields,
            NamePatterns.Matches(spec.SetsErrno, decl.Name), ReturnsHostString(spec, decl), null, copies, retained, nullDefaults,
            GuestNaN: spec.GuestNaN, RoundingGuard: spec.DefaultRoundingOnly && spec.FallbackToGuest);
        return DeferredCallbackPolicy.Apply(spec, f) with
        {
            ReturnsHostStringIf = spec.HostStringTest != null && NamePatterns.Matches(spec.ReturnsHostStringIf, decl.Name),
            FreedParams = decl.Params.Where(p => spec.FreedParams.Contains($"{decl.Name}.{p.Name}")).Select(p => p.Name).ToList() is { Count: > 0 } freed ? freed : null,
        };
    }

    // A name, or a glob that only picks functions returning const char * (a string the caller never frees).
    private static bool ReturnsHostString(LibrarySpec spec, FunctionDecl decl) =>
        spec.ReturnsHostString.Contains(decl.Name)
        || (decl.Return is PointerType { PointeeIsConst: true, Pointee: ScalarType { Canonical: "char" } }
            && NamePatterns.Matches(spec.ReturnsHostString.Where(p => p.Contains('*')), decl.Name));

    private static List<RecordDecl> ReachableRecords(List<BoundaryFunction> functions, HeaderModel headers)
    {
        var seen = new SortedDictionary<string, RecordDecl>(StringComparer.Ordinal);
        void Visit(CType t)
        {
            while (t is PointerType p) t = p.Pointee;
            if (t is FunctionPointerType fp)
            {
                foreach (var x in fp.Parameters.Append(fp.Return)) Visit(x);
                return;
            }
            if (t is not RecordType rt || seen.ContainsKey(rt.Tag)) return;
            if (!headers.Records.TryGetValue(rt.Tag, out var rec) || !rec.IsComplete) return; // opaque: never touched by the guest
            seen[rt.Tag] = rec;
            foreach (var f in rec.Fields) Visit(f.Type);
        }
        foreach (var f in functions.Where(f => f.Kind == FunctionKind.Forwarded))
        {
            foreach (var t in f.Decl.Params.Select(p => p.Type).Append(f.Decl.Return)) Visit(t);
        }
        return seen.Values.ToList();
    }
}
