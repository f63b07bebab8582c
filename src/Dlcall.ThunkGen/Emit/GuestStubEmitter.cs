// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;
using Dlcall.ThunkGen.Strategies;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// The guest stub library's C source: one function per export that packs its arguments and
/// makes one INVOKE_PROC of its host thunk (through the host runtime when the call may come back
/// into guest code), plus the load-time constructor that finds the plugin and the host side.
/// </summary>
internal static class GuestStubEmitter
{
    /// <summary>What the stub's prelude includes after the library's headers (and so does dlcall_stub.h).</summary>
    public static readonly string[] PreludeIncludes = ["<pthread.h>", "<dlcall/thunk.h>"];

    public static string Emit(LibrarySpec spec, BoundaryPlan plan, string defaultHostDir, string guestTriple)
    {
        var w = new CWriter();
        var forwarded = plan.Functions.Where(f => f.Kind == FunctionKind.Forwarded).ToList();
        bool units = OverrideUnits.GuestUnits(spec).Count > 0;
        OverrideUnits.Prelude(w, units, OverrideUnits.GuestHeader, $"Guest stub for {spec.Soname}.", spec, PreludeIncludes);
        ArgsStructEmitter.Emit(w, forwarded);
        HostObjectEmitter.ArgsStructs(w, plan);
        EmitState(w, ThunkTableEmitter.GuestOrder(plan));
        if (spec.RetainsCallbacks.Count > 0)
            w.Line("/* Set once the guest has handed the library callbacks it may keep (spec retainsCallbacks). */").Line("static int dlcall__retained;").Line();
        if (forwarded.Any(f => f.Has<HostStringResult>() || f.Has<HostStringResultIf>() || f.Has<HostStringFields>())) HostStringResult.EmitIntern(w);
        if (forwarded.Any(f => f.Has<FastUnlessCallback>())) FastUnlessCallback.EmitSentinel(w);
        if (forwarded.Any(f => f.Has<GuestNaN>())) GuestNanEmitter.EmitHelpers(w);
        if (Annotations.AnnotationEmitter.NeedsHostLookup(spec)) HostSourceEmitter.GuestLookup(w);
        HostEquivalentEmitter.State(w, spec);
        CallbackEmitter.GuestInvokers(w, plan.Signatures);
        GuestFallbackEmitter.Emit(w, spec, plan, guestTriple);
        if (plan.Annotations.GuestCalls.Length > 0) w.Line(plan.Annotations.GuestCalls.TrimEnd('\n')).Line();
        if (spec.GuestInit != null && OverrideUnits.Pasted(spec.GuestInit, OverrideUnits.GuestHeader, units)) w.Line($"#include \"{spec.GuestInit}\"").Line();
        GuestLoaderEmitter.Emit(w, spec, plan, defaultHostDir);
        foreach (string src in (plan.StubSources ?? []).Where(f => OverrideUnits.Pasted(f, OverrideUnits.GuestHeader, units))) w.Line($"#include \"{src}\"").Line();
        Annotations.DataSymbols.EmitChecks(w, plan.StubData);
        if (plan.Annotations.GuestShared.Length > 0) w.Line(plan.Annotations.GuestShared.TrimEnd('\n')).Line();
        HostObjectEmitter.GuestProxies(w, plan, spec.DeferredCallbacks.Count > 0);
        foreach (var f in plan.Functions)
        {
            switch (f.Kind)
            {
                case FunctionKind.Forwarded: EmitForwarded(w, spec, plan, f); break;
                case FunctionKind.Unavailable: EmitUnavailable(w, spec, f); break;
                // An override that is a unit of its own (OverrideUnits) is linked, not pasted.
                case FunctionKind.GuestOverride when f.Override is null || OverrideUnits.Pasted(f.Override, OverrideUnits.GuestHeader, units):
                    w.Line(f.Override is null ? plan.Annotations.Guest[f.Decl.Name].TrimEnd('\n') : $"#include \"{f.Override}\"").Line();
                    break;
            }
        }
        CompatVersionEmitter.Emit(w, plan);
        return w.ToString();
    }

    // template: static dlcall_fn dlcall__thunk[N]; static const char *const dlcall__thunk_name[N] = { "dlcall_thunk_deflate", ... };
    private static void EmitState(CWriter w, List<string> thunks)
    {
        w.Line("static struct dlcall_host_runtime dlcall__rt;");
        w.Line($"static dlcall_fn dlcall__thunk[{Math.Max(thunks.Count, 1)}];");
        w.Line($"static const char *const dlcall__thunk_name[{Math.Max(thunks.Count, 1)}] = {{");
        foreach (var name in thunks) w.Line($"    \"{name}\",");
        if (thunks.Count == 0) w.Line("    NULL,");
        w.Line("};").Line();
    }

    // template: uLong (crc32)(uLong crc, const Bytef *buf, uInt len)
    //           { struct dlcall_args_crc32 a = { .p0 = crc, ... }; uLong r; dlcall_invoke_fast(dlcall__thunk[3], &a, &r); return r; }
    // Calls that may run guest callbacks need the syscall path's stack switching (dlcall_call_host).
    private static void EmitForwarded(CWriter w, LibrarySpec spec, BoundaryPlan plan, BoundaryFunction f)
    {
        var d = f.Decl;
        var c = new StubContext(w, spec, plan, f);
        var after = f.Strategies.Reverse().ToList();
        // A fixed form is a static helper for overrides: "static int (dlcall_fixed_f)(int a)".
        string proto = f.FixedForm ? "static " + CDecl.Prototype(d with { Name = f.StubName }) : CDecl.Prototype(d);
        w.Function(proto, () =>
        {
            foreach (var s in f.Strategies) s.GuestSetup(c);
            string init = d.Params.Count == 0 ? "0" : string.Join(", ", d.Params.Select((p, i) => $".p{i} = {p.Name}"));
            w.Line($"{f.ArgsStruct} a = {{ {init} }};");
            foreach (var s in f.Strategies) s.GuestLocals(c);
            if (c.HasResult) w.Line(CDecl.Declare(d.Return, "r") + ";");
            if (f.MayCallBack)
            {
                w.Line("struct dlcall_frame frame = {");
                w.Line($"    .thunk = (uint64_t)(uintptr_t){c.Thunk},");
                w.Line("    .args = (uint64_t)(uintptr_t)&a,");
                w.Line($"    .ret = (uint64_t)(uintptr_t){c.RetPtr},");
                w.Line("};");
            }
            w.Line();
            foreach (var s in f.Strategies) s.GuestBeforeCall(c);
            if (!f.Strategies.Any(s => s.GuestCall(c))) w.Line(c.FastCall);
            // template: if (__builtin_expect((a.dlcall_errno | dlcall__isnan(r)) != 0, 0)) { <each rare case> }
            var rare = after.Where(s => s.GuestRareTest(c) != null).ToList();
            if (rare.Count > 1)
                w.Block($"if (__builtin_expect(({string.Join(" | ", rare.Select(s => s.GuestRareTest(c)))}) != 0, 0))", () => rare.ForEach(s => s.GuestRare(c)));
            else
                rare.ForEach(s => s.GuestRare(c));
            foreach (var s in after) s.GuestAfterCall(c);
            foreach (var s in f.Strategies) s.GuestEpilogue(c);
            if (c.HasResult) w.Line("return r;");
        });
    }

    // template: int (gzprintf)(gzFile file, const char *format, ...) { dlcall__unavailable("gzprintf", "variadic"); }
    private static void EmitUnavailable(CWriter w, LibrarySpec spec, BoundaryFunction f)
    {
        w.Function(CDecl.Prototype(f.Decl), () =>
        {
            foreach (var p in f.Decl.Params) w.Line($"(void){p.Name};");
            w.Line($"fprintf(stderr, \"dlcall: {spec.Soname}: {f.Decl.Name} is not available through dlcall ({f.Reason?.Replace("\"", "'")})\\n\");");
            w.Line("abort();");
        });
    }
}
