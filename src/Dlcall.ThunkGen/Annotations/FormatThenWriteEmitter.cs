// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Annotations;

/// <summary>
/// The spec's formatThenWrite and vaStrings (docs/ThunkGen.md, "Annotations"): a va_list cannot
/// cross, so the guest makes the text (formats it, or joins the va_list's strings) and a write
/// function gets (leading arguments..., text, length).
/// </summary>
internal static class FormatThenWriteEmitter
{
    private static string Lead(IEnumerable<ParamDecl> ps)
    {
        string s = string.Join(", ", ps.Select(p => p.Name));
        return s.Length > 0 ? s + ", " : "";
    }

    private static bool Valid(string kind, string? why, List<Diagnostic> diags)
    {
        if (why != null) diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"{kind}: {why}"));
        return why == null;
    }

    // A void function returns nothing where another returns its failure value.
    private static string Return(bool hasRet, string? value) => hasRet ? $"return {value};" : "return;";

    // template: int (gzvprintf)(gzFile file, const char *format, va_list va) { vsnprintf to a buffer; gzwrite(file, text, len) }
    public static string? FormatThenWrite(FunctionDecl d, FormatThenWrite f, List<Diagnostic> diags)
    {
        bool hasRet = d.Return is not VoidType;
        string? why = d.Params.Count < 2 || d.Params[^1].Type is not VaListType ? $"'{d.Name}' does not end in (format, va_list)"
            : hasRet && f.Failure is null ? $"'{d.Name}' returns {d.Return.Spelling}: give its failure value" : null;
        if (!Valid("formatThenWrite", why, diags)) return null;
        string fmt = d.Params[^2].Name, va = d.Params[^1].Name;
        string lead = Lead(d.Params.Take(d.Params.Count - 2));
        var w = new CWriter();
        w.Line($"/* {d.Name}: a va_list cannot cross, so the guest formats and {f.Write} writes (spec formatThenWrite). */");
        w.Function(CDecl.Prototype(d), () =>
        {
            w.Line("char stack_buf[4096];");
            w.Line("char *text = stack_buf;");
            w.Line("va_list copy;");
            w.Line("int len;");
            if (hasRet) w.Line(CDecl.Declare(d.Return, "ret") + ";");
            w.Line();
            // nullFormat: the write function says what a NULL format means (ERR_vset_error: no data).
            if (f.NullFormat)
                w.Block($"if ({fmt} == NULL)", () =>
                {
                    if (hasRet) w.Line($"return {f.Write}({lead}NULL, 0);");
                    else w.Line($"{f.Write}({lead}NULL, 0);").Line("return;");
                });
            w.Line("va_copy(copy, " + va + ");");
            w.Line($"len = vsnprintf(stack_buf, sizeof(stack_buf), {fmt}, copy);");
            w.Line("va_end(copy);");
            w.Block("if (len < 0)", () => w.Line(Return(hasRet, f.Failure)));
            w.Block("if ((size_t)len >= sizeof(stack_buf))", () =>
            {
                w.Block("if ((text = malloc((size_t)len + 1)) == NULL)", () => w.Line(Return(hasRet, f.MemoryFailure ?? f.Failure)));
                w.Line($"vsnprintf(text, (size_t)len + 1, {fmt}, {va});");
            });
            WriteAndReturn(w, hasRet, f.Write, lead + "text, len", f.WriteEmpty, "stack_buf");
        });
        return w.ToString();
    }

    // template: void (ERR_add_error_vdata)(int num, va_list args) { join num strings (NULL as "<NULL>"); dlcall_add_text(text, len) }
    public static string? VaStrings(FunctionDecl d, VaStrings v, List<Diagnostic> diags)
    {
        bool hasRet = d.Return is not VoidType;
        var count = d.Params.FirstOrDefault(p => p.Name == v.Count);
        string? why = d.Params.Count < 2 || d.Params[^1].Type is not VaListType ? $"'{d.Name}' does not end in a va_list"
            : count is null || count == d.Params[^1] ? $"'{d.Name}' has no count parameter '{v.Count}'"
            : hasRet && v.Failure is null ? $"'{d.Name}' returns {d.Return.Spelling}: give its failure value" : null;
        if (!Valid("vaStrings", why, diags)) return null;
        string va = d.Params[^1].Name;
        string lead = Lead(d.Params.Take(d.Params.Count - 1).Where(p => p != count));
        string nul = CString(v.Null ?? "");
        var w = new CWriter();
        w.Line($"/* {d.Name}: a va_list of {v.Count} strings cannot cross, so the guest joins them and {v.Write} gets the text (spec vaStrings). */");
        w.Function(CDecl.Prototype(d), () =>
        {
            w.Line("va_list copy;");
            w.Line("size_t len = 0;");
            w.Line("char *text;");
            if (hasRet) w.Line(CDecl.Declare(d.Return, "ret") + ";");
            w.Line();
            // The strings may be host memory (a program's own copy of a host pointer): byte loads.
            w.Line("va_copy(copy, " + va + ");");
            w.Block($"for (long i = 0; i < (long){v.Count}; i++)", () =>
            {
                w.Line("const char *s = va_arg(copy, const char *);");
                w.Line();
                w.Line($"len += dlcall_host_strlen(s != NULL ? s : {nul});");
            });
            w.Line("va_end(copy);");
            w.Block("if ((text = malloc(len + 1)) == NULL)", () => w.Line(Return(hasRet, v.Failure)));
            w.Line("len = 0;");
            w.Block($"for (long i = 0; i < (long){v.Count}; i++)", () =>
            {
                w.Line("const char *s = va_arg(" + va + ", const char *);");
                w.Line("size_t n;");
                w.Line();
                w.Line($"s = s != NULL ? s : {nul};");
                w.Line("n = dlcall_host_strlen(s);");
                w.Line("dlcall_copy_from_host(text + len, s, n);");
                w.Line("len += n;");
            });
            w.Line("text[len] = '\\0';");
            WriteAndReturn(w, hasRet, v.Write, lead + "text, (int)len", v.WriteEmpty, null);
        });
        return w.ToString();
    }

    // An empty text writes nothing (and returns 0) unless writeEmpty: ERR_vset_error(lib, reason, "")
    // sets empty data, where BIO_printf(b, "") writes nothing.
    private static void WriteAndReturn(CWriter w, bool hasRet, string write, string args, bool writeEmpty, string? stackBuf)
    {
        string call = $"{write}({args})";
        if (hasRet) w.Line(writeEmpty ? $"ret = {call};" : $"ret = len == 0 ? 0 : {call};");
        else if (writeEmpty) w.Line(call + ";");
        else w.Block("if (len > 0)", () => w.Line(call + ";"));
        if (stackBuf != null) w.Block($"if (text != {stackBuf})", () => w.Line("free(text);"));
        else w.Line("free(text);");
        if (hasRet) w.Line("return ret;");
    }

    private static string CString(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
