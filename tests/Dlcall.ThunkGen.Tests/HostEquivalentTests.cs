// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

using static Dlcall.ThunkGen.Tests.PlannerFixture;

namespace Dlcall.ThunkGen.Tests;

/// <summary>spec hostEquivalents on the host side (the stub's addresses handed over at load, looked up
/// by dlcall__wrap) and hostEquivalentFields (a constructor's struct of callbacks made of the stub's).</summary>
public class HostEquivalentTests
{
    private static readonly RecordDecl Handler = new("handler", false,
    [
        new FieldDecl("start", T("void (*)(void *, const char *)")),
        new FieldDecl("count", T("int")),
        new FieldDecl("end", T("void (*)(void *)")),
    ], true, "t.h:1");

    private static readonly RecordDecl Ctx = new("ctx", false,
    [
        new FieldDecl("sax", T("struct handler *")),
        new FieldDecl("depth", T("int")),
    ], true, "t.h:5");

    private static readonly FunctionDecl[] Functions =
    [
        new("default_start", T("void"), [P("user", "void *"), P("name", "const char *")], false, "t.h:10"),
        new("new_ctx", T("struct ctx *"), [], false, "t.h:11"),
        new("parse", T("int"), [P("c", "struct ctx *"), P("on_start", "void (*)(void *, const char *)")], false, "t.h:12"),
    ];

    private static (BoundaryPlan Plan, List<Diagnostics.Diagnostic> Diags, Spec.LibrarySpec Spec) Plan(Dictionary<string, string> fields)
    {
        var spec = MinimalSpec() with { HostEquivalents = ["default_start"], HostEquivalentFields = fields };
        var (plan, diags) = PlannerFixture.Plan(spec, Headers(Functions, Handler, Ctx), Exports(Functions));
        return (plan, diags, spec);
    }

    [Fact]
    public void AConstructorsCallbackStructGetsTheStubsFunctions()
    {
        var (plan, diags, spec) = Plan(new() { ["new_ctx"] = "sax" });
        Assert.DoesNotContain(diags, d => d.Severity == Diagnostics.Severity.Error);
        var s = F(plan, "new_ctx").Get<Strategies.HostEquivalentFields>();
        Assert.NotNull(s);
        Assert.Equal(["start", "end"], s.Callbacks);
        string host = Emit.HostThunkEmitter.Emit(spec, plan);
        Assert.Contains("s->start = (__typeof__(s->start))dlcall__guest_equiv((void *)s->start);", host);
        Assert.DoesNotContain("s->count", host);
    }

    [Fact]
    public void TheHostKnowsTheStubsAddressesInsteadOfAHook()
    {
        var (plan, _, spec) = Plan(new());
        string host = Emit.HostThunkEmitter.Emit(spec, plan);
        Assert.Contains("static void *const dlcall__equiv_host[1] = { (void *)(default_start) };", host);
        Assert.Contains("void dlcall_register_equivalents(void *args, void *ret)", host);
        Assert.Contains("if ((equiv = dlcall__host_equiv(fn)) != NULL)", host);
        Assert.DoesNotContain("_host_equivalent", host);
        string guest = Emit.GuestStubEmitter.Emit(spec, plan, "/host", "aarch64-linux-gnu");
        Assert.Contains("(uint64_t)(uintptr_t)(default_start),", guest);
        Assert.Contains("dlcall_dlsym(lib, \"dlcall_register_equivalents\")", guest);
    }

    [Theory]
    [InlineData("parse", "sax")]   // does not return a struct
    [InlineData("new_ctx", "depth")] // not a pointer to a struct
    [InlineData("nothing", "sax")]  // no such function
    public void AKeyThatDoesNotFitIsAnError(string function, string field)
    {
        var (_, diags, _) = Plan(new() { [function] = field });
        Assert.Contains(diags, d => d.Severity == Diagnostics.Severity.Error && d.Message.Contains("hostEquivalentFields"));
    }
}
