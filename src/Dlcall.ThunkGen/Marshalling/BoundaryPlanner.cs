// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Annotations;
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;
using Dlcall.ThunkGen.Strategies;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>
/// Decides, for every function the real guest library exports, how the stub implements it:
/// forwarded (with which callback and string handling), overridden, or unavailable (and why).
/// </summary>
public static class BoundaryPlanner
{
    /// <summary>DLCALL_CB_MAX_ARGS of native/include/dlcall/thunk.h: the arguments a callback frame carries.</summary>
    public const int MaxCallbackArgs = 10;

    /// <summary>Plans the boundary of the guest library and of the host thunk library in one run;
    /// problems come back as diagnostics (about the guest's functions).</summary>
    /// <remarks>The host thunk library is shared by every guest ISA, whose exports may differ
    /// (Debian's arm64 and riscv64 libcrypto do): it gets a thunk for every function the host
    /// exports (<see cref="BoundaryPlan.HostFunctions"/>). The host's functions are decided first,
    /// so callback signatures are numbered the same for every guest; a function both export is
    /// decided once.</remarks>
    public static (BoundaryPlan Plan, List<Diagnostic> Diagnostics) Plan(LibrarySpec spec, string specDir,
        HeaderModel headers, ElfLibraryInfo guestLib, ElfLibraryInfo hostLib)
    {
        var diags = new List<Diagnostic>();
        var signatures = new Dictionary<string, CallbackSignature>();
        var hostExports = hostLib.Symbols.Where(s => s.IsFunction).Select(s => s.Name).ToHashSet();
        var decided = new Dictionary<string, (BoundaryFunction Function, Diagnostic? Warning)>();
        var fixedForms = FixedForms.Plan(spec, headers, hostExports, diags);
        var annotations = Annotations.AnnotationEmitter.Emit(spec, headers, diags);
        List<BoundaryFunction> PlanAll(IEnumerable<ElfSymbol> exported, List<Diagnostic>? sink)
        {
            var functions = new List<BoundaryFunction>(fixedForms);
            int slot = fixedForms.Count;
            foreach (var sym in exported.Where(s => s.IsFunction))
            {
                if (!decided.TryGetValue(sym.Name, out var d))
                    decided[sym.Name] = d = Decide(sym.Name, spec, specDir, headers, hostExports, signatures, annotations);
                if (d.Warning != null) sink?.Add(d.Warning);
                // Thunk slots are dense over each list's forwarded functions (fixed forms first).
                functions.Add(d.Function.Kind == FunctionKind.Forwarded ? d.Function with { ThunkIndex = slot++ } : d.Function);
            }
            return functions;
        }

        var hostFunctions = PlanAll(DefaultExports(hostLib), null);
        var exported = DefaultExports(guestLib);
        var (stubData, dataDiags) = Annotations.DataSymbols.Select(spec, exported);
        diags.AddRange(dataDiags);
        foreach (var sym in exported.Where(s => !s.IsFunction && !spec.FallbackToGuest && !stubData.Contains(s)))
            diags.Add(new(Severity.Warning, DiagnosticCodes.UnsupportedType, $"data symbol '{sym.Name}' is not forwarded"));
        var functions = PlanAll(exported, diags);

        var records = ReachableRecords(functions, headers, spec.OpaqueRecords);
        // va_list never crosses (its functions are overridden or unavailable): not compared.
        var typedefs = functions.SelectMany(f => f.Decl.Params.Select(p => p.Type).Append(f.Decl.Return))
            .Where(t => t is not VaListType).Select(t => t.Spelling.Replace("const ", "").Trim()).Where(headers.Typedefs.ContainsKey)
            .Where(t => records.All(r => r.CName != t)) // an unnamed struct's typedef is checked as the record
            .Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
        foreach (string key in Strategies.NullDefaults.Unused(spec.NullDefaults, functions, f => f.NullDefaults))
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"nullDefaults: '{key}' is no parameter of a forwarded function"));
        foreach (string key in Strategies.NullDefaults.Unused(spec.GuestArgs, functions, f => f.Get<Strategies.GuestArgs>()?.Params ?? []))
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"guestArgs: '{key}' is no parameter of a forwarded function"));
        diags.AddRange(CheckOutOnlyFields(spec, headers));
        foreach (string key in spec.HostEquivalentFields.Keys.Where(k => !functions.Any(f => f.Decl.Name == k && f.Strategies.OfType<HostEquivalentFields>().Any())))
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid,
                $"hostEquivalentFields: '{key}' is no forwarded function returning a struct whose field '{spec.HostEquivalentFields[key]}' points to a struct of callbacks (or the spec has no hostEquivalents)"));
        // One private copy of the real library binds either to itself or to the stub (docs/ThunkGen.md).
        if (spec.FallbackToGuest && spec.RunInGuestLibrary.Count > 0)
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, "runInGuestLibrary: not with fallbackToGuest, whose library binds to the stub"));
        foreach (string key in spec.FreedParams.Where(k => !IsPointerParam(headers, k)))
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"freedParams: '{key}' is no pointer parameter of a declared function"));
        foreach (string tag in spec.RetainsCallbacks.Where(t => !headers.Records.ContainsKey(t)))
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"retainsCallbacks: the headers declare no struct '{tag}'"));
        var plan = new BoundaryPlan(functions, signatures.Values.OrderBy(s => s.Id).ToList(), records, typedefs, guestLib,
            spec.StubSources.Select(s => Path.Combine(specDir, s)).ToList())
        {
            HostFunctions = hostFunctions,
            GuestData = spec.FallbackToGuest ? exported.Where(s => !s.IsFunction).ToList() : [],
            StubData = stubData,
            Annotations = annotations,
        };
        return (plan, diags);
    }

    private static List<ElfSymbol> DefaultExports(ElfLibraryInfo lib) =>
        lib.Symbols.Where(s => s.IsDefault).GroupBy(s => s.Name).Select(g => g.First()).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    /// <summary>How the stub implements <paramref name="name"/>, with the warning it deserves.</summary>
    private static (BoundaryFunction, Diagnostic?) Decide(string name, LibrarySpec spec, string specDir, HeaderModel headers,
        IReadOnlySet<string> hostExports, Dictionary<string, CallbackSignature> signatures, AnnotationCode annotations)
    {
        headers.Functions.TryGetValue(name, out var decl);
        decl ??= new FunctionDecl(name, new VoidType("void"), [], false, spec.Soname);
        if (spec.GuestOverrides.TryGetValue(name, out var overridePath))
            return (Simple(decl, FunctionKind.GuestOverride, null) with { Override = Path.Combine(specDir, overridePath) }, null);
        // Override null: the stub's definition is generated from the spec's annotations (plan.Annotations).
        if (annotations.Guest.ContainsKey(name)) return (Simple(decl, FunctionKind.GuestOverride, null), null);
        // The real guest library runs it, emulated (spec runInGuestLibrary): a jump, as with fallbackToGuest.
        if (spec.RunInGuestLibrary.Contains(name)) return (Simple(decl, FunctionKind.GuestFallback, "spec runInGuestLibrary"), null);
        string? reason = NamePatterns.Matches(spec.Exclude, name) ? "excluded by the spec"
            : !headers.Functions.ContainsKey(name) ? "not declared in the headers"
            : !hostExports.Contains(name) ? "the host library does not export it"
            : Unsupported(decl);
        // Not an abort: the real guest library serves it, emulated.
        if (reason != null && spec.FallbackToGuest) return (Simple(decl, FunctionKind.GuestFallback, reason), null);
        if (reason == null) return (PlanForwarded(decl, spec, headers, signatures), null);
        string code = reason.StartsWith("the host", StringComparison.Ordinal) ? DiagnosticCodes.MissingOnHost
            : reason.StartsWith("not declared", StringComparison.Ordinal) ? DiagnosticCodes.NotInHeaders
            : decl.IsVariadic || reason.Contains("va_list") ? DiagnosticCodes.VariadicNeedsOverride
            : DiagnosticCodes.UnsupportedType;
        bool quiet = reason == "excluded by the spec" || (spec.QuietUndeclared && code == DiagnosticCodes.NotInHeaders);
        return (Simple(decl, FunctionKind.Unavailable, reason), quiet ? null : new(Severity.Warning, code, $"{name}: {reason}; its stub aborts if called", decl.Location));
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
        new(decl, kind, reason, -1, []);

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
        // A returned function is a guest function the host then calls: the host entry wraps it
        // (CallbackEmitter.HostEntries), libxml2's XPath function lookup.
        // Not a type-erased one (sqlite3_vfs.xDlSym's void (*)(void), called after a cast): a
        // trampoline of that type would drop the arguments.
        if (fp.Return is FunctionPointerType { Parameters.Count: 0, Return: VoidType })
            return $"callback '{fp.Spelling}' returns a type-erased function, which callbacks cannot carry";
        if (fp.Return is FunctionPointerType returned && CallbackProblem(returned) is string inner) return inner;
        foreach (var t in fp.Parameters.Append(fp.Return is FunctionPointerType ? new VoidType("void") : fp.Return))
        {
            if (t is not (ScalarType or PointerType or VoidType))
                return $"callback '{fp.Spelling}' passes '{t.Spelling}', which callbacks cannot carry";
            // A slot the guest would fill with a guest function the host then calls.
            if (t is PointerType { Pointee: FunctionPointerType })
                return $"callback '{fp.Spelling}' passes function pointers by reference, which callbacks cannot carry";
        }
        return null;
    }

    private static BoundaryFunction PlanForwarded(FunctionDecl decl, LibrarySpec spec,
        HeaderModel headers, Dictionary<string, CallbackSignature> signatures)
    {
        int SignatureOf(FunctionPointerType fp)
        {
            string key = CallbackSignature.KeyOf(fp);
            if (!signatures.TryGetValue(key, out var sig))
            {
                signatures[key] = sig = new CallbackSignature(signatures.Count, fp);
                // A callback returning a function (libxslt's XPath function lookup) hands the host a
                // guest function the host then calls: its host entry wraps it (CallbackEmitter).
                if (fp.Return is FunctionPointerType returned) SignatureOf(returned);
            }
            return sig.Id;
        }
        bool OutOnly(ParamDecl p, string field) =>
            spec.OutOnlyFields.TryGetValue($"{decl.Name}.{p.Name}", out var fs) && (fs.Contains("*") || fs.Contains(field));
        return new BoundaryFunction(decl, FunctionKind.Forwarded, null, -1, StrategyTable.Choose(decl, spec, headers, SignatureOf, OutOnly))
        {
            FreedParams = decl.Params.Where(p => spec.FreedParams.Contains($"{decl.Name}.{p.Name}")).Select(p => p.Name).ToList() is { Count: > 0 } freed ? freed : null,
        };
    }

    private static List<RecordDecl> ReachableRecords(List<BoundaryFunction> functions, HeaderModel headers, IReadOnlyList<string> opaque)
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
            if (t is not RecordType rt || seen.ContainsKey(rt.Tag) || opaque.Contains(rt.Tag)) return;
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
