// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// Per callback signature: the guest invoker (runs a guest function from widened arguments)
/// and the host entry (the trampoline's target, with the real C signature).
/// </summary>
internal static class CallbackEmitter
{
    /// <summary>"R (*)(P0, P1)" for casting an address to the callback's type.</summary>
    public static string PointerType(FunctionPointerType t) =>
        CDecl.Declare(t.Return, $"(*)({(t.Parameters.Count == 0 ? "void" : string.Join(", ", t.Parameters.Select(p => p.Spelling)))})");

    // template: static void dlcall__invoke_cb0(uint64_t fn, const uint64_t *argv, uint64_t *ret)
    //           { *ret = (uint64_t)(uintptr_t)((void *(*)(void *, unsigned int))(uintptr_t)fn)((void *)(uintptr_t)argv[0], ...); }
    public static void GuestInvokers(CWriter w, IEnumerable<CallbackSignature> signatures)
    {
        foreach (var sig in signatures)
        {
            var t = sig.Type;
            string args = string.Join(", ", t.Parameters.Select((p, i) => CDecl.FromBits(p, $"argv[{i}]")));
            string call = $"(({PointerType(t)})(uintptr_t)fn)({args})";
            w.Line($"/* {t.Spelling} */");
            w.Function($"static void dlcall__invoke_cb{sig.Id}(uint64_t fn, const uint64_t *argv, uint64_t *ret)", () =>
            {
                if (t.Parameters.Count == 0) w.Line("(void)argv;");
                if (t.Return is VoidType)
                {
                    w.Line(call + ";");
                    w.Line("*ret = 0;");
                }
                else
                {
                    w.Line($"*ret = {CDecl.ToBits(t.Return, call)};");
                }
            });
        }
    }

    // template: static void *dlcall__entry_cb0(void *a0, unsigned int a1)
    //           { const struct dlcall_cb_target *t = dlcall_rt_current_target(); uint64_t argv[2] = {...};
    //             return (void *)(uintptr_t)dlcall_rt_callback(t, argv, 2); }
    public static void HostEntries(CWriter w, string library, IReadOnlyList<CallbackSignature> signatures)
    {
        var ids = signatures.ToDictionary(s => CallbackSignature.KeyOf(s.Type), s => s.Id);
        if (signatures.Any(s => s.Type.Return is FunctionPointerType))
            w.Line("static void *dlcall__wrap(void *fn, int sig, const char *what);").Line();
        foreach (var sig in signatures)
        {
            var t = sig.Type;
            string ps = t.Parameters.Count == 0 ? "void" : string.Join(", ", t.Parameters.Select((p, i) => CDecl.Declare(p, $"a{i}")));
            w.Function(CDecl.Declare(t.Return, $"dlcall__entry_cb{sig.Id}({ps})").Insert(0, "static "), () =>
            {
                w.Line("const struct dlcall_cb_target *t = dlcall_rt_current_target();");
                int n = t.Parameters.Count;
                string argv = n == 0 ? "0" : string.Join(", ", t.Parameters.Select((p, i) => CDecl.ToBits(p, $"a{i}")));
                w.Line($"uint64_t argv[{Math.Max(n, 1)}] = {{ {argv} }};");
                string call = $"dlcall_rt_callback(t, argv, {n})";
                // template: return (void (*)(void *, int))dlcall__wrap((void *)(uintptr_t)dlcall_rt_callback(t, argv, 3), 7, "xml2: ...");
                // A guest function the callback returns is called by the host: a trampoline (or the
                // host function it stands for, or host code as it is: dlcall__wrap).
                if (t.Return is FunctionPointerType ret)
                    w.Line($"return ({ret.Spelling})dlcall__wrap((void *)(uintptr_t){call}, {ids[CallbackSignature.KeyOf(ret)]}, \"{library}: returned by a callback ({t.Spelling})\");");
                else
                    w.Line(t.Return is VoidType ? call + ";" : $"return {CDecl.FromBits(t.Return, call)};");
            });
        }
        w.Line($"static void *const dlcall__entry[] = {{ {string.Join(", ", signatures.Select(s => $"(void *)dlcall__entry_cb{s.Id}").DefaultIfEmpty("NULL"))} }};");
        w.Line();
    }
}
