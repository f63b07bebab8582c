// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Clang;
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Tests;

/// <summary>The spec fields large APIs need (libcrypto): deferredCallbacks, fixedArgCalls, globs in
/// returnsHostString, layout demotion, and the planner's rules for FILE * and function pointers.</summary>
public class SpecExtensionTests
{
    private static CType T(string desugared, string? spelling = null) => TypeSpellingParser.Parse(spelling ?? desugared, desugared);

    private static readonly RecordDecl Key = new("key_st", false, [new FieldDecl("x", T("unsigned int"))], true, "k.h:1");

    private static readonly FunctionDecl[] Functions =
    [
        new("sk_new", T("void *"), [new ParamDecl("cmp", T("int (*)(const void *, const void *)"))], false, "k.h:10"),
        new("sk_sort", T("void"), [new ParamDecl("sk", T("void *"))], false, "k.h:11"),
        new("name_of", T("const char *"), [new ParamDecl("n", T("int"))], false, "k.h:12"),
        new("dup_of", T("char *"), [new ParamDecl("s", T("const char *"))], false, "k.h:13"),
        new("set_error", T("void"), [new ParamDecl("lib", T("int")), new ParamDecl("fmt", T("const char *"))], true, "k.h:14"),
        new("print_fp", T("int"), [new ParamDecl("fp", T("struct _IO_FILE *", "FILE *"))], false, "k.h:15"),
        new("get_cb", T("int (*)(int)"), [new ParamDecl("m", T("void *"))], false, "k.h:16"),
        new("get_cbs", T("void"), [new ParamDecl("out", T("int (**)(int)"))], false, "k.h:17"),
        new("key_set", T("void"), [new ParamDecl("k", T("struct key_st *", "KEY *"))], false, "k.h:18"),
    ];

    private static (BoundaryPlan Plan, List<Dlcall.ThunkGen.Diagnostics.Diagnostic> Diags) Plan(LibrarySpec? extra = null)
    {
        var headers = Headers();
        var exports = Functions.Select(f => new ElfSymbol(f.Name, null, true, true)).ToList();
        var lib = new ElfLibraryInfo(exports, []);
        var spec = extra ?? new LibrarySpec
        {
            Library = "k", Soname = "libk.so.1", Headers = ["k.h"], GuestPackage = "k",
            DeferredCallbacks = ["sk_*"], ReturnsHostString = ["*"], FixedArgCalls = ["set_error"],
        };
        return BoundaryPlanner.Plan(spec, "/spec", headers, lib, lib);
    }

    private static HeaderModel Headers() => new(Functions.ToDictionary(f => f.Name),
        new Dictionary<string, RecordDecl> { ["key_st"] = Key }, new Dictionary<string, string>());

    private static BoundaryFunction F(string name) =>
        Plan().Plan.Functions.Single(f => f.Decl.Name == name && !f.FixedForm);

    [Theory]
    [InlineData("sk_*", "sk_sort", true)]
    [InlineData("sk_*", "ssk_sort", false)]
    [InlineData("*", "anything", true)]
    [InlineData("a*c*e", "abcde", true)]
    [InlineData("a*c*e", "abcd", false)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    public void NamePatternsAreGlobs(string pattern, string name, bool matches) =>
        Assert.Equal(matches, NamePatterns.Matches([pattern], name));

    [Fact]
    public void ABangEntryTakesNamesOutAgain()
    {
        Assert.False(NamePatterns.Matches(["*", "!BIO_get_*"], "BIO_get_data"));
        Assert.True(NamePatterns.Matches(["*", "!BIO_get_*"], "BIO_read"));
        Assert.False(NamePatterns.Matches(["!BIO_read"], "BIO_write"));
    }

    [Fact]
    public void DeferredCallbacksTakeTheCoroutinePathWithoutCallbackParameters()
    {
        Assert.True(F("sk_sort").MayCallBack);
        Assert.Empty(F("sk_sort").CallbackParams);
        Assert.False(F("name_of").MayCallBack);
    }

    [Fact]
    public void AGlobInReturnsHostStringPicksOnlyConstCharResults()
    {
        Assert.True(F("name_of").ReturnsHostString);
        Assert.False(F("dup_of").ReturnsHostString); // the caller frees it: never a copy
    }

    [Fact]
    public void FixedArgCallsAddAStaticFormBeforeTheExports()
    {
        var (plan, _) = Plan();
        var form = plan.Functions[0];
        Assert.True(form.FixedForm);
        Assert.Equal(FunctionKind.Forwarded, form.Kind);
        Assert.False(form.Decl.IsVariadic);
        Assert.Equal("dlcall_fixed_set_error", form.StubName);
        Assert.Equal("dlcall_thunk_dlcall_fixed_set_error", form.ThunkName);
        // The export itself still needs an override.
        Assert.Equal(FunctionKind.Unavailable, F("set_error").Kind);
    }

    [Fact]
    public void AFixedArgCallOfANonVariadicFunctionIsASpecError()
    {
        var spec = new LibrarySpec { Library = "k", Soname = "libk.so.1", Headers = ["k.h"], GuestPackage = "k", FixedArgCalls = ["sk_sort"] };
        Assert.Contains(Plan(spec).Diags, d => d.Code == "DLC001" && d.Message.Contains("sk_sort"));
    }

    [Theory]
    [InlineData("print_fp", "FILE")]
    [InlineData("get_cbs", "function pointers by reference")]
    public void GuestFilesAndFunctionPointerOutParametersAreUnavailable(string name, string why)
    {
        var f = F(name);
        Assert.Equal(FunctionKind.Unavailable, f.Kind);
        Assert.Contains(why, f.Reason);
    }

    [Fact]
    public void AReturnedFunctionPointerIsForwarded() => Assert.Equal(FunctionKind.Forwarded, F("get_cb").Kind);

    [Fact]
    public void LayoutDemotionMakesTheFunctionsReachingATypeUnavailable()
    {
        var (plan, _) = Plan();
        var host = new List<RecordLayout> { new("struct key_st", 4, 4, [("x", 0)]) };
        var guest = new List<RecordLayout> { new("struct key_st", 1, 1, [("x", 0)]) };
        var mismatched = LayoutDemotion.Mismatched(host, guest);
        Assert.Equal(["struct key_st"], mismatched);
        var (demoted, diags) = LayoutDemotion.Apply(plan, Headers(), mismatched);
        var keySet = demoted.Functions.Single(f => f.Decl.Name == "key_set");
        Assert.Equal(FunctionKind.Unavailable, keySet.Kind);
        Assert.Contains(diags, d => d.Code == "DLC003" && d.Message.StartsWith("key_set:", StringComparison.Ordinal));
        // Thunk slots stay dense.
        var slots = demoted.Functions.Where(f => f.Kind == FunctionKind.Forwarded).Select(f => f.ThunkIndex).ToList();
        Assert.Equal(Enumerable.Range(0, slots.Count), slots);
        Assert.Empty(demoted.CheckedRecords);
    }

    [Fact]
    public void TheHostsFunctionsAreDecidedFirstAndNumberTheSignatures()
    {
        // The host exports a function the guest lacks, with a callback type of its own: it still
        // gets a thunk, and its signature keeps the number it has for every other guest.
        var visit = new FunctionDecl("a_visit", T("void"), [new ParamDecl("fn", T("void (*)(double)"))], false, "k.h:20");
        var headers = new HeaderModel(Functions.Append(visit).ToDictionary(f => f.Name),
            new Dictionary<string, RecordDecl> { ["key_st"] = Key }, new Dictionary<string, string>());
        var guest = new ElfLibraryInfo(Functions.Select(f => new ElfSymbol(f.Name, null, true, true)).ToList(), []);
        var host = new ElfLibraryInfo(Functions.Append(visit).Select(f => new ElfSymbol(f.Name, null, true, true)).ToList(), []);
        var spec = new LibrarySpec { Library = "k", Soname = "libk.so.1", Headers = ["k.h"], GuestPackage = "k" };
        var (plan, _) = BoundaryPlanner.Plan(spec, "/spec", headers, guest, host);
        Assert.Equal("void(double)", CallbackSignature.KeyOf(plan.Signatures[0].Type));
        Assert.Equal(1, plan.Functions.Single(f => f.Decl.Name == "sk_new").CallbackParams[0].SignatureId);
        Assert.DoesNotContain(plan.Functions, f => f.Decl.Name == "a_visit");
        var hostVisit = Assert.Single(plan.HostFunctions, f => f.Decl.Name == "a_visit");
        Assert.Equal(FunctionKind.Forwarded, hostVisit.Kind);
        Assert.Equal(0, hostVisit.CallbackParams[0].SignatureId);
        Assert.Equal(plan.HostFunctions.Single(f => f.Decl.Name == "sk_new").Strategies, plan.Functions.Single(f => f.Decl.Name == "sk_new").Strategies);
    }
}
