// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

using static Dlcall.ThunkGen.Tests.PlannerFixture;

namespace Dlcall.ThunkGen.Tests;

/// <summary>spec outOnlyFields (issue 12): fields a function only writes are never read as inputs,
/// and translated on the way out only when the call wrote them.</summary>
public class OutOnlyFieldsTests
{
    // Like z_stream: callbacks, a host string, and (like lzma_stream) a pointer to a struct of callbacks.
    private static readonly RecordDecl Allocator = new("alloc_s", false,
        [new FieldDecl("alloc", T("void *(*)(void *, unsigned int)")), new FieldDecl("opaque", T("void *"))], true, "s.h:1");
    private static readonly RecordDecl Stream = new("strm_s", false,
    [
        new FieldDecl("msg", T("char *")),
        new FieldDecl("zalloc", T("void *(*)(void *, unsigned int)")),
        new FieldDecl("zfree", T("void (*)(void *, void *)")),
        new FieldDecl("allocator", T("const struct alloc_s *")),
    ], true, "s.h:5");

    private static readonly FunctionDecl[] Functions =
    [
        new("s_copy", T("int"), [P("dest", "struct strm_s *"), P("source", "struct strm_s *")], false, "s.h:20"),
        new("s_init", T("int"), [P("strm", "struct strm_s *"), P("version", "const char *")], false, "s.h:21"),
        new("s_peek", T("int"), [P("strm", "const struct strm_s *")], false, "s.h:22"),
        new("s_free", T("void"), [P("strm", "struct strm_s *")], false, "s.h:23"),
    ];

    private static (BoundaryPlan Plan, List<Diagnostics.Diagnostic> Diags) Plan(Dictionary<string, IReadOnlyList<string>> outOnly)
    {
        return PlannerFixture.Plan(Spec(outOnly), Headers(Functions, Stream, Allocator), Exports(Functions));
    }

    private static LibrarySpec Spec(Dictionary<string, IReadOnlyList<string>> outOnly) =>
        MinimalSpec() with { HostStringFields = ["strm_s.msg"], OutOnlyFields = outOnly };

    [Fact]
    public void AStarMakesEveryFieldOfThatParameterOutOnlyAndNoOtherParameters()
    {
        var (plan, diags) = Plan(new() { ["s_copy.dest"] = ["*"] });
        Assert.Empty(diags);
        var copy = F(plan, "s_copy");
        Assert.All(copy.CallbackFieldParams.Single(p => p.Param.Name == "dest").Fields, cf => Assert.True(cf.OutOnly));
        Assert.All(copy.CallbackFieldParams.Single(p => p.Param.Name == "source").Fields, cf => Assert.False(cf.OutOnly));
        Assert.True(copy.HostStringFields.Single(s => s.Param.Name == "dest").OutOnly);
        Assert.False(copy.HostStringFields.Single(s => s.Param.Name == "source").OutOnly);
        // dest's allocator is no input: no host copy of it; source's still gets one.
        Assert.Equal(["source"], copy.Copies.Select(c => c.Param.Name));
    }

    [Fact]
    public void NamedFieldsAreOutOnlyAndTheOthersStayInputs()
    {
        var (plan, diags) = Plan(new() { ["s_init.strm"] = ["msg"] });
        Assert.Empty(diags);
        var init = F(plan, "s_init");
        Assert.True(init.HostStringFields.Single().OutOnly);
        Assert.All(init.CallbackFieldParams.Single().Fields, cf => Assert.False(cf.OutOnly));
        Assert.Single(init.Copies);
        Assert.All(F(plan, "s_copy").CallbackFieldParams.SelectMany(p => p.Fields), cf => Assert.False(cf.OutOnly));
    }

    [Fact]
    public void TheHostThunkNeitherWrapsNorRestoresAnUnchangedOutOnlyField()
    {
        var (plan, _) = Plan(new() { ["s_copy.dest"] = ["*"] });
        string host = HostThunkEmitter.Emit(Spec(new() { ["s_copy.dest"] = ["*"] }), plan);
        string thunk = host[host.IndexOf("void dlcall_thunk_s_copy(", StringComparison.Ordinal)..];
        thunk = thunk[..thunk.IndexOf("\n}\n", StringComparison.Ordinal)];
        Assert.DoesNotContain("r0->zalloc = (void *(*)(void *, unsigned int))dlcall__wrap", thunk);
        Assert.Contains("r1->zalloc = (void *(*)(void *, unsigned int))dlcall__wrap", thunk);
        Assert.Contains("if (r0->zalloc != old0_zalloc) {", thunk);
        Assert.DoesNotContain("a->p0->allocator", thunk);
    }

    [Theory]
    [InlineData("s_nothing.dest", "*", "'s_nothing.dest' is no parameter")]
    [InlineData("s_copy.nope", "*", "'s_copy.nope' is no parameter")]
    [InlineData("s_peek.strm", "*", "'s_peek.strm' is no parameter")] // const: never written
    [InlineData("s_init.version", "*", "'s_init.version' is no parameter")]
    [InlineData("s_copy.dest", "mgs", "has no field 'mgs'")]
    public void AnEntryNamingNothingWritableIsASpecError(string key, string field, string message)
    {
        var (_, diags) = Plan(new() { [key] = [field] });
        Assert.Contains(diags, d => d.Code == "DLC001" && d.Message.Contains(message));
    }

    [Fact]
    public void AFunctionThisGuestDoesNotExportIsNoError()
    {
        var guest = Exports(Functions.Where(f => f.Name == "s_init"));
        var (plan, diags) = PlannerFixture.Plan(Spec(new() { ["s_copy.dest"] = ["*"] }), Headers(Functions, Stream, Allocator), guest);
        Assert.Empty(diags);
        Assert.DoesNotContain(plan.Functions, f => f.Decl.Name == "s_copy");
    }

    [Fact]
    public void NothingIsWrittenBackToAStructTheCallFreed()
    {
        var spec = Spec([]) with { FreedParams = ["s_free.strm"] };
        var headers = Headers(Functions, Stream, Allocator);
        var lib = Exports(Functions);
        var (plan, diags) = PlannerFixture.Plan(spec, headers, lib);
        Assert.Empty(diags);
        string host = HostThunkEmitter.Emit(spec, plan);
        string thunk = host[host.IndexOf("void dlcall_thunk_s_free(", StringComparison.Ordinal)..];
        thunk = thunk[..thunk.IndexOf("\n}\n", StringComparison.Ordinal)];
        string after = thunk[thunk.IndexOf("(s_free)(a->p0);", StringComparison.Ordinal)..];
        Assert.Contains("dlcall__wrap((void *)r0->zalloc", thunk); // callbacks still go in
        Assert.DoesNotContain("=", after);
        var (_, bad) = PlannerFixture.Plan(spec with { FreedParams = ["s_free.nope"] }, headers, lib);
        Assert.Contains(bad, d => d.Code == "DLC001" && d.Message.Contains("'s_free.nope'"));
    }

    [Fact]
    public void TheSpecLoaderReadsOutOnlyFields()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, """
            { "library": "s", "soname": "libs.so.1", "headers": ["s.h"], "guestPackage": "s",
              // comment
              "outOnlyFields": { "s_copy.dest": ["*"], "s_init.strm": ["msg"] } }
            """);
        var (spec, error) = SpecLoader.Load(path);
        File.Delete(path);
        Assert.Null(error);
        Assert.Equal(["*"], spec!.OutOnlyFields["s_copy.dest"]);
        Assert.Equal(["msg"], spec.OutOnlyFields["s_init.strm"]);
    }
}
