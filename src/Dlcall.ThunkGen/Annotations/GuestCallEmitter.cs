// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Emit;

namespace Dlcall.ThunkGen.Annotations;

/// <summary>
/// The spec's guestCalls (docs/ThunkGen.md, "Annotations"): helpers the stub's own C (stubSources,
/// guestInit) calls on the host, typed on both sides. The guest gets a static function of that name
/// and signature packing its arguments into 64-bit slots; the host thunk library gets a function of
/// the same name unpacking them for the named host function.
/// </summary>
internal static class GuestCallEmitter
{
    private const int MaxArgs = 8;

    private static bool Carried(string type) => !(type is "float" or "double" or "long double" || type.Contains('['));

    /// <summary>Checks the entries and writes each one's host function.</summary>
    public static void Host(IReadOnlyDictionary<string, GuestCall> calls, CWriter host, List<Diagnostic> diags)
    {
        foreach (var (name, c) in calls)
        {
            string? why = !name.StartsWith("dlcall_") ? "is not named dlcall_*"
                : c.Params.Count > MaxArgs ? $"has more than {MaxArgs} parameters"
                : c.Params.Append(c.Returns).FirstOrDefault(t => !Carried(t)) is string bad ? $"has a type no 64-bit slot carries ('{bad}')" : null;
            if (why != null)
            {
                diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"guestCalls: '{name}' {why}"));
                continue;
            }
            bool hasRet = c.Returns != "void";
            // A name gets the arguments; an expression (sqlite3_log(p0, "%s", p1)) uses them as p0, p1...
            string call = c.Host.Contains('(') ? c.Host : $"{c.Host}({string.Join(", ", c.Params.Select((_, i) => $"p{i}"))})";
            // template: void dlcall_xml2_realloc(void *args, void *ret) { void *p0 = (void *)(uintptr_t)a[0]; ...; *(void * *)ret = xmlRealloc(p0, p1); }
            host.Line($"/* The stub's {name} (spec guestCalls). */");
            host.Function($"void {name}(void *args, void *ret)", () =>
            {
                host.Line("const uint64_t *a = args;");
                for (int i = 0; i < c.Params.Count; i++) host.Line($"{CDecl.Declare(c.Params[i], $"p{i}")} = ({c.Params[i]})(uintptr_t)a[{i}];");
                host.Line();
                if (c.Params.Count == 0) host.Line("(void)a;");
                if (hasRet) host.Line($"*({c.Returns} *)ret = {call};");
                else host.Line("(void)ret;").Line($"{call};");
            });
        }
    }

    // template: static void *dlcall_xml2_malloc(size_t p0) { static dlcall_fn fn; uint64_t a[1] = { p0 }; void *r = 0; ...invoke...; return r; }
    public static string Guest(IReadOnlyDictionary<string, GuestCall> calls)
    {
        if (calls.Count == 0) return "";
        var w = new CWriter();
        w.Line("/* Host helpers the stub's own C calls (spec guestCalls). */");
        foreach (var (name, c) in calls)
        {
            bool hasRet = c.Returns != "void";
            string ps = c.Params.Count == 0 ? "void" : string.Join(", ", c.Params.Select((t, i) => CDecl.Declare(t, $"p{i}")));
            w.Function($"static __attribute__((unused)) {CDecl.Declare(c.Returns, name)}({ps})", () =>
            {
                w.Line("static dlcall_fn fn;");
                w.Line($"uint64_t a[{Math.Max(c.Params.Count, 1)}] = {{ {(c.Params.Count == 0 ? "0" : string.Join(", ", c.Params.Select((_, i) => $"(uint64_t)(uintptr_t)p{i}")))} }};");
                if (hasRet) w.Line(CDecl.Declare(c.Returns, "r") + " = 0;");
                w.Line();
                w.Block("if (fn == NULL)", () => w.Line($"fn = dlcall__host_fn(\"{name}\");"));
                if (c.Fast) w.Line($"dlcall_invoke_fast(fn, a, {(hasRet ? "&r" : "NULL")});");
                else
                {
                    // The callback path: the host function may reach guest code (a handler, a callback).
                    w.Line($"struct dlcall_frame frame = {{ .thunk = (uint64_t)(uintptr_t)fn, .args = (uint64_t)(uintptr_t)a, .ret = (uint64_t)(uintptr_t){(hasRet ? "&r" : "NULL")} }};");
                    w.Line();
                    w.Line("dlcall_call_host(&dlcall__rt, &frame);");
                }
                if (hasRet) w.Line("return r;");
            });
        }
        return w.ToString();
    }
}
