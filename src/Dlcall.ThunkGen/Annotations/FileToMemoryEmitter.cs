// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Annotations;

/// <summary>
/// The spec's fileToMemory (docs/ThunkGen.md, "Annotations"): a function printing to a FILE * with no
/// file-object variant. A guest FILE means nothing to host libc, so the host function prints to a host
/// memory stream (open_memstream) and the guest writes the text to its FILE; the result is the host
/// function's, or -1 when the guest's write fails.
/// </summary>
internal static class FileToMemoryEmitter
{
    /// <summary>Arguments other than the FILE, as 64-bit slots, and what comes back.</summary>
    private const int MaxArgs = 8;
    private const string Struct = "struct dlcall__memfile { uint64_t a[8]; char *text; size_t len; int64_t ret; };";

    // template: struct dlcall__memfile {...}; void dlcall__memfile_free(void *args, void *ret) { free(text) }
    public static void HostShared(CWriter w)
    {
        w.Line("/* Functions printing to a guest FILE print to a host memory stream (spec fileToMemory). */");
        w.Line(Struct).Line();
        w.Line("/* The memory stream's text, once the guest has its copy. */");
        w.Function("void dlcall__memfile_free(void *args, void *ret)", () =>
        {
            w.Line("(void)ret;");
            w.Line("free((void *)(uintptr_t)((const uint64_t *)args)[0]);");
        });
    }

    // template: static int64_t dlcall__memfile(const char *host, dlcall_fn *fn, FILE *f, struct dlcall__memfile *d)
    //           { call on the callback path; fwrite the host text in chunks; free it on the host }
    public static string GuestShared()
    {
        var w = new CWriter();
        w.Line("/* Functions printing to a FILE print to a host memory stream; the guest writes the text (spec fileToMemory). */");
        w.Line(Struct).Line();
        // The callback path: the host may call guest code meanwhile (an error reaching a guest handler).
        w.Function("static int64_t dlcall__memfile(const char *host, dlcall_fn *fn, FILE *f, struct dlcall__memfile *d)", () =>
        {
            w.Line("struct dlcall_frame frame = { .args = (uint64_t)(uintptr_t)d };");
            w.Line("char chunk[4096];");
            w.Line();
            w.Block("if (*fn == NULL)", () => w.Line("*fn = dlcall__host_fn(host);"));
            w.Line("frame.thunk = (uint64_t)(uintptr_t)*fn;");
            w.Line("d->ret = -1;");
            w.Line("dlcall_call_host(&dlcall__rt, &frame);");
            w.Block("for (size_t done = 0; done < d->len;)", () =>
            {
                w.Line("size_t n = d->len - done < sizeof(chunk) ? d->len - done : sizeof(chunk);");
                w.Line();
                w.Line("dlcall_copy_from_host(chunk, d->text + done, n);");
                w.Block("if (fwrite(chunk, 1, n, f) != n)", () =>
                {
                    w.Line("d->ret = -1;");
                    w.Line("break;");
                });
                w.Line("done += n;");
            });
            w.Block("if (d->text != NULL)", () =>
            {
                w.Line("uint64_t p[1] = { (uint64_t)(uintptr_t)d->text };");
                w.Line();
                w.Line("dlcall_invoke(dlcall__host_fn(\"dlcall__memfile_free\"), p, NULL);");
            });
            w.Line("return d->ret;");
        });
        return w.ToString();
    }

    public static string? Emit(FunctionDecl d, FileToMemory f, CWriter host, List<Diagnostic> diags)
    {
        var file = d.Params.FirstOrDefault(p => p.Type is PointerType { Pointee.Spelling: "FILE" or "struct _IO_FILE" });
        var rest = d.Params.Where(p => p != file).ToList();
        string? why = file is null ? "has no FILE * parameter"
            : d.IsVariadic ? "is variadic"
            : rest.Count > MaxArgs ? $"has more than {MaxArgs} other parameters"
            : rest.FirstOrDefault(p => p.Type is not (ScalarType { IsFloat: false } or PointerType)) is { } bad ? $"has a parameter the memory stream cannot carry ('{bad.Name}')"
            : d.Return is not (VoidType or ScalarType { IsFloat: false }) ? $"returns {d.Return.Spelling}" : null;
        if (why != null)
        {
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"fileToMemory: '{d.Name}' {why}"));
            return null;
        }
        string hostName = $"dlcall__memfile_{d.Name}";
        bool hasRet = d.Return is not VoidType;

        // template: void dlcall__memfile_xmlDocDump(void *args, void *ret) { f = open_memstream; d->ret = xmlDocDump(f, (xmlDocPtr)(uintptr_t)d->a[0]); fclose(f); }
        string call = $"{d.Name}({string.Join(", ", d.Params.Select(p => p == file ? "f" : CDecl.FromBits(p.Type, $"d->a[{rest.IndexOf(p)}]")))})";
        host.Function($"void {hostName}(void *args, void *ret)", () =>
        {
            host.Line("struct dlcall__memfile *d = args;");
            host.Line("FILE *f = open_memstream(&d->text, &d->len);");
            host.Line();
            host.Line("(void)ret;");
            host.Block("if (f == NULL)", () =>
            {
                host.Line("d->text = NULL;");
                host.Line("d->len = 0;");
                host.Line("return;");
            });
            if (hasRet) host.Line($"d->ret = (int64_t){call};");
            else host.Line($"{call};").Line("d->ret = 0;");
            host.Line("fclose(f);");
        });

        // template: int (xmlDocDump)(FILE *f, xmlDocPtr cur) { static dlcall_fn fn; struct dlcall__memfile d = { { cur } }; return dlcall__memfile(..., f, &d); }
        var w = new CWriter();
        w.Line($"/* {d.Name}: printed on the host to memory, written to the guest's FILE (spec fileToMemory). */");
        w.Function(CDecl.Prototype(d), () =>
        {
            w.Line("static dlcall_fn fn;");
            string slots = rest.Count == 0 ? "0" : string.Join(", ", rest.Select(p => CDecl.ToBits(p.Type, p.Name)));
            w.Line($"struct dlcall__memfile d = {{ {{ {slots} }} }};");
            w.Line();
            if (f.NullFile is string nullFile) w.Line($"{file!.Name} = {file.Name} != NULL ? {file.Name} : {nullFile};");
            else w.Block($"if ({file!.Name} == NULL)", () => w.Line(hasRet ? "return -1;" : "return;"));
            w.Line($"{(hasRet ? $"return ({d.Return.Spelling})" : "")}dlcall__memfile(\"{hostName}\", &fn, {file.Name}, &d);");
        });
        return w.ToString();
    }
}
