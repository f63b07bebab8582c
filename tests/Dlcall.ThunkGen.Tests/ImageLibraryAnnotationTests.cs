// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Annotations;
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

using static Dlcall.ThunkGen.Tests.PlannerFixture;

namespace Dlcall.ThunkGen.Tests;

/// <summary>The annotations that replaced libpng's and libjpeg's hand-written heap and bookkeeping
/// (issue 14): guestHeap.gotSlots, guestHeap.defaultAllocators (strategy HeapDefaults), hostCalls
/// expressions and trackedObjects (strategy Tracks). The png and jpeg differential tests run the C.</summary>
public class ImageLibraryAnnotationTests
{
    private static readonly FunctionDecl[] Functions =
    [
        new("make", T("void *"), [P("ver", "const char *"), P("err_fn", "void (*)(void *, const char *)")], false, "t.h:1"),
        new("make_2", T("void *"), [P("ver", "const char *"), P("err_fn", "void (*)(void *, const char *)"),
            P("malloc_fn", "void *(*)(void *, unsigned long)"), P("free_fn", "void (*)(void *, void *)")], false, "t.h:2"),
        new("make_writer", T("void *"), [P("ver", "const char *")], false, "t.h:3"),
        new("destroy", T("void"), [P("pp", "void **")], false, "t.h:4"),
        new("count", T("int"), [P("p", "void *")], false, "t.h:5"),
    ];

    private static LibrarySpec Spec() => MinimalSpec() with
    {
        GuestHeap = new GuestHeap("E", "t's memory",
            GotSlots: new Dictionary<string, string> { ["t_get"] = "dlcall_rt_heap_ctx_alloc", ["t_put"] = "dlcall_rt_heap_ctx_free_sized" },
            DefaultAllocators: new(["make_2"], new Dictionary<string, string> { ["malloc_fn"] = "dlcall_rt_heap_ctx_alloc", ["free_fn"] = "dlcall_rt_heap_ctx_free" })),
        HostCalls = new Dictionary<string, string> { ["make"] = "make_2(ver, err_fn, (void *(*)(void *, unsigned long))dlcall_rt_heap_ctx_alloc, NULL)" },
        TrackedObjects = new Dictionary<string, TrackedObject>
        {
            ["writers"] = new(["make_writer"], new Dictionary<string, string> { ["destroy"] = "pp != NULL ? *pp : NULL" }),
        },
        Raises = new RaisesSpec { Guest = "t_raise" },
    };

    private static (string Host, string Annotations, List<Diagnostics.Diagnostic> Diags) Emit(LibrarySpec spec)
    {
        var (plan, diags) = Plan(spec, Headers(Functions), Exports(Functions));
        return (HostThunkEmitter.Emit(spec, plan), plan.Annotations.Host, diags);
    }

    private static string Thunk(string host, string name)
    {
        int start = host.IndexOf($"void dlcall_thunk_{name}(void *args, void *ret)");
        return host[start..host.IndexOf("\n}\n", start)];
    }

    [Fact]
    public void GotSlotsArePatchedWhenTheHeapIsInstalledAndTheirCountIsWhatTheStubExpects()
    {
        var spec = Spec();
        var (plan, diags) = Plan(spec, Headers(Functions), Exports(Functions));
        Assert.Empty(diags);
        string host = plan.Annotations.Host, guest = GuestStubEmitter.Emit(spec, plan, "/host", "aarch64-linux-gnu");
        Assert.Contains("static const char got_soname[] = \"libt.so.1\";", host);
        Assert.Contains("static const char *const got_names[2] = { \"t_get\", \"t_put\" };", host);
        Assert.Contains("void *const got_to[2] = { (void *)dlcall_rt_heap_ctx_alloc, (void *)dlcall_rt_heap_ctx_free_sized };", host);
        Assert.Contains("*(int64_t *)ret = (int64_t)(dlcall_rt_patch_got(got_soname, got_names, got_to, 2));", host);
        Assert.Contains("if (rc != (int64_t)(2))", guest);
        // With an install of its own, a short patch fails the load before the install runs.
        var both = Plan(spec with { GuestHeap = spec.GuestHeap! with { Install = "t_set_heap()", Installed = "7" } }, Headers(Functions), Exports(Functions)).Plan;
        Assert.Contains("if (dlcall_rt_patch_got(got_soname, got_names, got_to, 2) != 2)", both.Annotations.Host);
        Assert.Contains("*(int64_t *)ret = (int64_t)(t_set_heap());", both.Annotations.Host);
        Assert.Equal("0", new GuestHeap("E", "w").InstalledValue);
    }

    [Fact]
    public void DefaultAllocatorsReplaceOnlyAnAllNullPairAndPutTheNullsBack()
    {
        string t = Thunk(Emit(Spec()).Host, "make_2");
        // After the callback wrapping: a guest allocator is a trampoline by then, NULL is still NULL.
        Assert.True(t.IndexOf("a->p2 = (void *(*)(void *, unsigned long))dlcall__wrap(") < t.IndexOf("if (a->p2 == NULL && a->p3 == NULL) {"));
        Assert.Contains("a->p2 = (void *(*)(void *, unsigned long))dlcall_rt_heap_ctx_alloc;", t);
        Assert.Contains("a->p3 = (void (*)(void *, void *))dlcall_rt_heap_ctx_free;", t);
        Assert.Contains("if (heap_defaults) {", t);
        Assert.DoesNotContain("heap_defaults", Thunk(Emit(Spec()).Host, "make"));
    }

    [Fact]
    public void AHostCallsExpressionIsTheCallWithTheParametersFromTheArgumentBlock()
    {
        string t = Thunk(Emit(Spec()).Host, "make");
        Assert.Contains("*(void * *)ret = (make_2(a->p0, a->p1, (void *(*)(void *, unsigned long))dlcall_rt_heap_ctx_alloc, NULL));", t);
        Assert.DoesNotContain("make_2(const char", t); // no prototype for an expression
        // A plain name is still a function of the same signature, declared for the hostSources.
        string named = Thunk(Emit(Spec() with { HostCalls = new Dictionary<string, string> { ["make"] = "t_make" } }).Host, "make");
        Assert.Contains("(t_make)(a->p0, a->p1)", named);
    }

    [Fact]
    public void TrackedObjectsAreAddedAfterACallThatDidNotRaiseAndRemovedBeforeTheirDestroy()
    {
        var (host, annotations, diags) = Emit(Spec());
        Assert.Empty(diags);
        Assert.Contains("struct dlcall_rt_map dlcall__tracked_writers;", annotations);
        string make = Thunk(host, "make_writer"), destroy = Thunk(host, "destroy");
        Assert.Contains("extern struct dlcall_rt_map dlcall__tracked_writers;", make);
        Assert.True(make.IndexOf("a->dlcall_raised = rp.raised;") < make.IndexOf("if (!a->dlcall_raised) {"));
        Assert.Contains("dlcall_rt_map_add(&dlcall__tracked_writers, (const void *)*(void * *)ret);", make);
        Assert.True(destroy.IndexOf("dlcall_rt_map_remove(&dlcall__tracked_writers, (const void *)(a->p0 != NULL ? *a->p0 : NULL));")
            < destroy.IndexOf("(destroy)(a->p0);"));
        Assert.DoesNotContain("dlcall_rt_map", Thunk(host, "count"));
    }

    [Theory]
    [InlineData("defaultAllocators", "'make' has no parameter 'malloc_fn'")]
    [InlineData("defaultAllocators", "the headers declare no function 'nope'")]
    [InlineData("trackedObjects", "'count' returns no pointer to add")]
    [InlineData("trackedObjects", "the headers declare no function 'nope'")]
    public void AMisspeltOrMisappliedEntryIsAnError(string kind, string why)
    {
        var spec = Spec();
        spec = kind == "defaultAllocators"
            ? spec with { GuestHeap = spec.GuestHeap! with { DefaultAllocators = new([why.Contains("nope") ? "nope" : "make"], spec.GuestHeap.DefaultAllocators!.Params) } }
            : spec with { TrackedObjects = new Dictionary<string, TrackedObject> { ["x"] = new([why.Contains("nope") ? "nope" : "count"]) } };
        Assert.Contains(Emit(spec).Diags, d => d.Code == Diagnostics.DiagnosticCodes.SpecInvalid && d.Message.Contains(why));
    }
}
