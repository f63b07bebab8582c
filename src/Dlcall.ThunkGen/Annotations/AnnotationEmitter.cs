// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Annotations;

/// <summary>
/// The C of the spec's annotations (docs/ThunkGen.md, "Annotations"): each annotated function gets a
/// generated guest definition in place of a hand-written override. A misspelt entry is error DLC001;
/// a function this guest library does not export is none (one spec serves every guest root).
/// </summary>
internal static class AnnotationEmitter
{
    /// <summary>Whether the stub looks host functions up by name (dlcall__host_fn).</summary>
    public static bool NeedsHostLookup(LibrarySpec spec) => spec.HostSources.Count > 0 || spec.OpCodeVariadics.Count > 0 || spec.FileToMemory.Count > 0
        || spec.GuestEnv.Count > 0 || spec.GuestCalls.Count > 0;

    public static AnnotationCode Emit(LibrarySpec spec, HeaderModel headers, List<Diagnostic> diags)
    {
        var guest = new Dictionary<string, string>();
        var host = new CWriter();
        void Add(string kind, string name, Func<FunctionDecl, string?> emit)
        {
            if (!headers.Functions.TryGetValue(name, out var decl))
                diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"{kind}: the headers declare no function '{name}'"));
            else if (guest.ContainsKey(name) || spec.GuestOverrides.ContainsKey(name))
                diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"{kind}: '{name}' has another definition already"));
            else if (emit(decl) is string text) guest[name] = text;
        }
        foreach (var (name, twin) in spec.VaListTwins) Add("vaListTwins", name, d => VaListTwin(d, twin, diags));
        foreach (var (name, f) in spec.FormatThenWrite) Add("formatThenWrite", name, d => FormatThenWriteEmitter.FormatThenWrite(d, f, diags));
        foreach (var (name, v) in spec.VaStrings) Add("vaStrings", name, d => FormatThenWriteEmitter.VaStrings(d, v, diags));
        foreach (var (name, f) in spec.FileThrough) Add("fileThrough", name, d => FileThroughCode(spec, d, f, diags));
        foreach (var (name, t) in spec.OpCodeVariadics)
            Add("opCodeVariadics", name, d => OpCodeEmitter.Emit(spec, d, t, host, diags));
        if (spec.GuestHeap is { } heap) GuestHeapEmitter.Host(host, spec, heap);
        TrackedObjectsEmitter.Host(spec, headers, host, diags);
        GuestCallEmitter.Host(spec.GuestCalls, host, diags);
        if (spec.GuestEnv.Count > 0) GuestEnvEmitter.HostShared(host);
        foreach (var (name, vars) in spec.GuestEnv) Add("guestEnv", name, d => GuestEnvEmitter.Emit(d, vars, host, diags));
        foreach (var (name, a) in spec.GuestAnswers) Add("guestAnswers", name, d => GuestAnswerCode(d, a, diags));
        if (spec.FileToMemory.Count > 0) FileToMemoryEmitter.HostShared(host);
        foreach (var (name, f) in spec.FileToMemory) Add("fileToMemory", name, d => FileToMemoryEmitter.Emit(d, f, host, diags));
        return new(guest, host.ToString(), spec.FileToMemory.Count > 0 ? FileToMemoryEmitter.GuestShared() : "", GuestCallEmitter.Guest(spec.GuestCalls));
    }

    private static string Args(IEnumerable<ParamDecl> ps) => string.Join(", ", ps.Select(p => p.Name));

    // template: int (gzprintf)(gzFile file, const char *format, ...) { va_start; r = gzvprintf(file, format, ap); va_end; return r; }
    private static string? VaListTwin(FunctionDecl d, string twin, List<Diagnostic> diags)
    {
        if (!d.IsVariadic || d.Params.Count == 0)
        {
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"vaListTwins: '{d.Name}' is no variadic function with a fixed parameter"));
            return null;
        }
        bool hasRet = d.Return is not VoidType;
        var w = new CWriter();
        w.Line($"/* {d.Name}: through its va_list twin (spec vaListTwins). */");
        w.Function(CDecl.Prototype(d), () =>
        {
            w.Line("va_list ap;");
            if (hasRet) w.Line(CDecl.Declare(d.Return, "r") + ";");
            w.Line();
            w.Line($"va_start(ap, {d.Params[^1].Name});");
            w.Line($"{(hasRet ? "r = " : "")}{twin}({Args(d.Params)}, ap);");
            w.Line("va_end(ap);");
            if (hasRet) w.Line("return r;");
        });
        return w.ToString();
    }

    // template: int (xmlMemGet)(xmlFreeFunc *f, ...) { (void)...; if (f != NULL) *f = xmlFree; ...; return 0; }
    private static string? GuestAnswerCode(FunctionDecl d, GuestAnswer a, List<Diagnostic> diags)
    {
        var outs = a.Outs ?? new Dictionary<string, string>();
        // By spelling: a pointer to a function pointer (xmlFreeFunc *) is no PointerType in the model.
        var bad = outs.Keys.FirstOrDefault(o => !d.Params.Any(p => p.Name == o && p.Type.Spelling.TrimEnd().EndsWith('*')));
        if (d.IsVariadic || bad != null)
        {
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, d.IsVariadic
                ? $"guestAnswers: '{d.Name}' is variadic"
                : $"guestAnswers: '{d.Name}' has no pointer parameter '{bad}'"));
            return null;
        }
        bool hasRet = d.Return is not VoidType;
        var w = new CWriter();
        w.Line($"/* {d.Name}: answered on the guest, no host call (spec guestAnswers). */");
        w.Function(CDecl.Prototype(d), () =>
        {
            // The answer may not use every parameter; an out-parameter is used by its store.
            foreach (var p in d.Params.Where(p => !outs.ContainsKey(p.Name))) w.Line($"(void){p.Name};");
            foreach (var p in d.Params.Where(p => outs.ContainsKey(p.Name)))
                w.Block($"if ({p.Name} != NULL)", () => w.Line($"*{p.Name} = {outs[p.Name]};"));
            w.Line(hasRet ? $"return {a.Answer};" : $"{a.Answer};");
        });
        return w.ToString();
    }

    // template: void (ERR_print_errors_fp)(FILE *fp) { BIO *o = BIO_new_fp(fp, BIO_NOCLOSE); if (o) { ERR_print_errors(o); BIO_free(o); } }
    private static string? FileThroughCode(LibrarySpec spec, FunctionDecl d, FileThrough f, List<Diagnostic> diags)
    {
        var file = d.Params.FirstOrDefault(p => p.Type is PointerType { Pointee.Spelling: "FILE" or "struct _IO_FILE" });
        bool hasRet = d.Return is not VoidType;
        string? failure = f.Failure ?? (d.Return is PointerType ? "NULL" : null);
        string? why = spec.FileObject is null ? "the spec has no fileObject"
            : file is null ? $"'{d.Name}' has no FILE * parameter"
            : hasRet && failure is null ? $"'{d.Name}' returns {d.Return.Spelling}: give its failure value" : null;
        if (why != null)
        {
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"fileThrough: {why}"));
            return null;
        }
        string args = string.Join(", ", d.Params.Select(p => p == file ? "o" : p.Name));
        var w = new CWriter();
        w.Line($"/* {d.Name}: a guest FILE, so through the library's own file object (spec fileThrough). */");
        w.Function(CDecl.Prototype(d), () =>
        {
            w.Line($"__typeof__({spec.FileObject!.Open.Replace("{file}", file!.Name)}) o = {spec.FileObject.Open.Replace("{file}", file.Name)};");
            if (hasRet) w.Line(CDecl.Declare(d.Return, "r") + ";");
            w.Line();
            w.Block("if (o == NULL)", () => w.Line(hasRet ? $"return {failure};" : "return;"));
            w.Line($"{(hasRet ? "r = " : "")}{f.Call}({args});");
            w.Line($"{spec.FileObject.Close}(o);");
            if (hasRet) w.Line("return r;");
        });
        return w.ToString();
    }
}
