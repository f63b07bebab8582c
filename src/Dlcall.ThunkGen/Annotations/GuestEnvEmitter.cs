// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Annotations;

/// <summary>
/// The spec's guestEnv (docs/ThunkGen.md, "Annotations"): a function whose host library reads
/// environment variables (OpenSSL's SSL_CERT_FILE) sees the host process's, which the guest's
/// setenv never reaches. The guest passes its values along; the host sets them for the call, under
/// one lock, and puts its own back after it.
/// </summary>
internal static class GuestEnvEmitter
{
    /// <summary>Parameters, as 64-bit slots (the variables' values follow them).</summary>
    private const int MaxArgs = 8;

    // template: static pthread_mutex_t dlcall__env_lock; static char *dlcall__env_swap(name, value) { old copy; setenv or unsetenv }
    public static void HostShared(CWriter w)
    {
        w.Line("#include <pthread.h>").Line();
        w.Line("/* Calls that see the guest's environment variables (spec guestEnv) change the host process's: one at a time. */");
        w.Line("static pthread_mutex_t dlcall__env_lock = PTHREAD_MUTEX_INITIALIZER;").Line();
        w.Line("/* Sets name to value (unsets it for NULL); returns a copy of its old value, or NULL. */");
        w.Function("static char *dlcall__env_swap(const char *name, const char *value)", () =>
        {
            w.Line("const char *old = getenv(name);");
            w.Line("char *saved = old != NULL ? strdup(old) : NULL;");
            w.Line();
            w.Line("(void)(value != NULL ? setenv(name, value, 1) : unsetenv(name));");
            w.Line("return saved;");
        });
    }

    public static string? Emit(FunctionDecl d, IReadOnlyList<string> vars, CWriter host, List<Diagnostic> diags)
    {
        string? why = vars.Count == 0 ? "names no variable"
            : d.IsVariadic ? "is variadic"
            : d.Params.Count > MaxArgs ? $"has more than {MaxArgs} parameters"
            : d.Params.FirstOrDefault(p => p.Type is not (ScalarType { IsFloat: false } or PointerType)) is { } bad ? $"has a parameter no 64-bit slot carries ('{bad.Name}')"
            : d.Return is not (VoidType or ScalarType { IsFloat: false } or PointerType) ? $"returns {d.Return.Spelling}" : null;
        if (why != null)
        {
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"guestEnv: '{d.Name}' {why}"));
            return null;
        }
        string hostName = $"dlcall__env_{d.Name}";
        bool hasRet = d.Return is not VoidType;
        int n = d.Params.Count;

        // template: void dlcall__env_f(void *args, void *ret) { lock; old = swap(VAR, a[n]); *(int *)ret = f(a[0]); swap back; unlock }
        string call = $"{d.Name}({string.Join(", ", d.Params.Select((p, i) => CDecl.FromBits(p.Type, $"a[{i}]")))})";
        host.Function($"void {hostName}(void *args, void *ret)", () =>
        {
            host.Line("const uint64_t *a = args;");
            host.Line($"char *old[{vars.Count}];");
            host.Line();
            if (!hasRet) host.Line("(void)ret;");
            host.Line("pthread_mutex_lock(&dlcall__env_lock);");
            for (int i = 0; i < vars.Count; i++) host.Line($"old[{i}] = dlcall__env_swap(\"{vars[i]}\", (const char *)(uintptr_t)a[{n + i}]);");
            host.Line(hasRet ? $"*({d.Return.Spelling} *)ret = {call};" : $"{call};");
            for (int i = 0; i < vars.Count; i++)
            {
                host.Line($"free(dlcall__env_swap(\"{vars[i]}\", old[{i}]));");
                host.Line($"free(old[{i}]);");
            }
            host.Line("pthread_mutex_unlock(&dlcall__env_lock);");
        });

        // template: int (f)(T *x) { static dlcall_fn fn; uint64_t a[] = { x, getenv(VAR) }; call on the callback path; return r; }
        var w = new CWriter();
        w.Line($"/* {d.Name}: the host library reads {string.Join(" and ", vars)}, the guest's values for the call (spec guestEnv). */");
        w.Function(CDecl.Prototype(d), () =>
        {
            w.Line("static dlcall_fn fn;");
            w.Line($"uint64_t a[{n + vars.Count}] = {{ {string.Join(", ", d.Params.Select(p => CDecl.ToBits(p.Type, p.Name)).Concat(vars.Select(v => $"(uint64_t)(uintptr_t)getenv(\"{v}\")")))} }};");
            w.Line("struct dlcall_frame frame = { .args = (uint64_t)(uintptr_t)a };");
            if (hasRet) w.Line(CDecl.Declare(d.Return, "r") + " = 0;");
            w.Line();
            w.Block("if (fn == NULL)", () => w.Line($"fn = dlcall__host_fn(\"{hostName}\");"));
            w.Line("frame.thunk = (uint64_t)(uintptr_t)fn;");
            if (hasRet) w.Line("frame.ret = (uint64_t)(uintptr_t)&r;");
            // The callback path: the host library may call guest code meanwhile (a verify or password callback).
            w.Line("dlcall_call_host(&dlcall__rt, &frame);");
            if (hasRet) w.Line("return r;");
        });
        return w.ToString();
    }
}
