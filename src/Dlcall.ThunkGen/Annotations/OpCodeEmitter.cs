// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Annotations;

/// <summary>
/// opCodeVariadics: a variadic function whose variadic arguments depend on an operation code
/// (sqlite3_config(op, ...)). The guest reads each operation's arguments by the spec's table into
/// 64-bit slots; the host calls the real function with them cast back to their types. The call takes
/// the coroutine path: an operation may run guest callbacks (a misused one calls the log callback).
/// </summary>
internal static class OpCodeEmitter
{
    private enum Kind { Integer, Pointer, Double, Callback }

    private sealed record Arg(string Type, Kind Kind);

    private static Kind KindOf(string type) =>
        type.StartsWith("callback:", StringComparison.Ordinal) ? Kind.Callback
        : type.Contains('*') ? Kind.Pointer
        : type is "double" or "float" ? Kind.Double : Kind.Integer;

    /// <summary>"int, int *" → its types; commas inside parentheses stay.</summary>
    private static List<Arg> Parse(string list)
    {
        var types = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i <= list.Length; i++)
        {
            if (i == list.Length || (list[i] == ',' && depth == 0))
            {
                if (list[start..i].Trim() is { Length: > 0 } t) types.Add(t);
                start = i + 1;
            }
            else if (list[i] == '(') depth++;
            else if (list[i] == ')') depth--;
        }
        return types.Select(t => new Arg(t, KindOf(t))).ToList();
    }

    public static string? Emit(LibrarySpec spec, FunctionDecl d, OpCodeVariadic t, CWriter host, List<Diagnostic> diags)
    {
        var op = t.Op is null ? d.Params.LastOrDefault() : d.Params.FirstOrDefault(p => p.Name == t.Op);
        if (!d.IsVariadic || op is null || op.Type is not ScalarType { IsFloat: false })
        {
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"opCodeVariadics: '{d.Name}' is no variadic function with an integer operation parameter"));
            return null;
        }
        var shapes = t.Args.Select(kv => (Args: Parse(kv.Key), Ops: kv.Value)).ToList();
        int slots = Math.Max(1, shapes.Select(s => s.Args.Count).DefaultIfEmpty(0).Max());
        bool hasRet = d.Return is not VoidType;
        string st = $"struct dlcall_op_{d.Name}", hostFn = $"dlcall_opcode_{d.Name}";
        string structText = $"{st} {{ uint64_t f[{d.Params.Count}]; uint64_t v[{slots}]; uint64_t invoker; }};";
        var w = new CWriter();
        w.Line($"/* {d.Name}: each operation's variadic arguments by the spec's table (spec opCodeVariadics). */");
        Bits(w);
        w.Line(structText).Line();
        w.Function(CDecl.Prototype(d), () =>
        {
            w.Line("static dlcall_fn fn;");
            w.Line($"{st} a = {{ .f = {{ {string.Join(", ", d.Params.Select(p => CDecl.ToBits(p.Type, p.Name)))} }} }};");
            w.Line("struct dlcall_frame frame = { .args = (uint64_t)(uintptr_t)&a };");
            if (hasRet) w.Line(CDecl.Declare(d.Return, "r") + " = 0;");
            w.Line("va_list ap;");
            w.Line();
            w.Line($"va_start(ap, {d.Params[^1].Name});");
            w.Block($"switch ({op.Name})", () =>
            {
                foreach (var (args, ops) in shapes.Where(s => s.Args.Count > 0))
                {
                    foreach (string o in ops) w.Line($"case {o}:");
                    for (int i = 0; i < args.Count; i++) w.Line("    " + GuestRead(args[i], i));
                    w.Line("    break;");
                }
                foreach (var (why, ops) in t.Unavailable ?? new Dictionary<string, IReadOnlyList<string>>())
                {
                    foreach (string o in ops) w.Line($"case {o}:");
                    w.Line($"    fprintf(stderr, \"dlcall: {spec.Soname}: {d.Name}(%d) is not available through dlcall ({why.Replace("\"", "\\\"")})\\n\", (int){op.Name});");
                    w.Line("    abort();");
                }
                w.Line("default: /* none, or unknown: the library rejects it without reading arguments */");
                w.Line("    break;");
            });
            w.Line("va_end(ap);");
            w.Block("if (fn == NULL)", () => w.Line($"fn = dlcall__host_fn(\"{hostFn}\");"));
            w.Line("frame.thunk = (uint64_t)(uintptr_t)fn;");
            if (hasRet) w.Line("frame.ret = (uint64_t)(uintptr_t)&r;");
            w.Line("dlcall_call_host(&dlcall__rt, &frame);");
            if (hasRet) w.Line("return r;");
        });

        host.Line($"/* {d.Name} for its generated guest definition (spec opCodeVariadics). */");
        Bits(host);
        host.Line(structText).Line();
        host.Function($"void {hostFn}(void *args, void *ret)", () =>
        {
            host.Line($"const {st} *a = args;");
            for (int i = 0; i < d.Params.Count; i++)
                host.Line(CDecl.Declare(d.Params[i].Type, d.Params[i].Name) + " = " + CDecl.FromBits(d.Params[i].Type, $"a->f[{i}]") + ";");
            host.Line();
            if (!hasRet) host.Line("(void)ret;");
            string fixedArgs = string.Join(", ", d.Params.Select(p => p.Name));
            string assign = hasRet ? $"*({d.Return.Spelling} *)ret = " : "";
            host.Block($"switch ({op.Name})", () =>
            {
                foreach (var (args, ops) in shapes.Where(s => s.Args.Count > 0))
                {
                    foreach (string o in ops) host.Line($"case {o}:");
                    var vals = args.Select((x, i) => HostValue(d, x, i));
                    host.Line($"    {assign}{d.Name}({fixedArgs}, {string.Join(", ", vals)});");
                    host.Line("    break;");
                }
                host.Line("default:");
                host.Line($"    {assign}{d.Name}({fixedArgs});");
                host.Line("    break;");
            });
        });
        return w.ToString();
    }

    // The bit casts both sides use for a double argument (guarded: several functions may have tables).
    private static void Bits(CWriter w)
    {
        w.Line("#ifndef DLCALL__OP_BITS").Line("#define DLCALL__OP_BITS");
        w.Line("static inline uint64_t dlcall__op_d2b(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }");
        w.Line("static inline double dlcall__op_b2d(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }");
        w.Line("#endif").Line();
    }

    private static string GuestRead(Arg a, int i) => a.Kind switch
    {
        Kind.Callback => $"a.v[{i}] = (uint64_t)(uintptr_t)va_arg(ap, void *); a.invoker = (uint64_t)(uintptr_t){a.Type["callback:".Length..]}_invoke;",
        Kind.Pointer => $"a.v[{i}] = (uint64_t)(uintptr_t)va_arg(ap, {a.Type});",
        Kind.Double => $"a.v[{i}] = dlcall__op_d2b(va_arg(ap, double));",
        _ => $"a.v[{i}] = (uint64_t)(int64_t)va_arg(ap, {a.Type});",
    };

    private static string HostValue(FunctionDecl d, Arg a, int i) => a.Kind switch
    {
        Kind.Callback => $"dlcall_rt_trampoline(a->v[{i}], a->invoker, (void *){a.Type["callback:".Length..]}_entry, \"{d.Name}\")",
        Kind.Pointer => $"({a.Type})(uintptr_t)a->v[{i}]",
        Kind.Double => $"dlcall__op_b2d(a->v[{i}])",
        _ => $"({a.Type})(int64_t)a->v[{i}]",
    };
}
