// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

using static Dlcall.ThunkGen.Tests.PlannerFixture;

namespace Dlcall.ThunkGen.Tests;

/// <summary>One test per marshalling decision the planner makes.</summary>
public class BoundaryPlannerTests
{
    private static readonly RecordDecl Stream = new("s", false,
    [
        new FieldDecl("msg", T("char *")),
        new FieldDecl("alloc", T("void *(*)(void *, unsigned int)", "alloc_fn")),
        new FieldDecl("release", T("void (*)(void *, void *)", "free_fn")),
    ], true, "t.h:1");

    private static readonly FunctionDecl[] Functions =
    [
        new("init", T("int"), [new ParamDecl("s", T("struct s *"))], false, "t.h:10"),
        new("map", T("double"), [new ParamDecl("f", T("double (*)(double)")), new ParamDecl("g", T("double (*)(double)"))], false, "t.h:11"),
        new("alloc_with", T("void"), [new ParamDecl("a", T("void *(*)(void *, unsigned int)"))], false, "t.h:12"),
        new("version", T("const char *"), [], false, "t.h:13"),
        new("open_it", T("int"), [new ParamDecl("p", T("const char *"))], false, "t.h:14"),
        new("say", T("int"), [new ParamDecl("fmt", T("const char *"))], true, "t.h:15"),
        new("vsay", T("int"), [new ParamDecl("ap", T("__builtin_va_list", "va_list"))], false, "t.h:16"),
        new("host_lacks", T("void"), [], false, "t.h:17"),
        new("wide", T("long double"), [], false, "t.h:18"),
        new("custom", T("int"), [], false, "t.h:19"),
    ];

    private static (BoundaryPlan Plan, List<Dlcall.ThunkGen.Diagnostics.Diagnostic> Diags) Plan()
    {
        var exports = Exports(Functions, "undeclared").Symbols.Append(new ElfSymbol("table", null, true, false)).ToList();
        var guest = new ElfLibraryInfo(exports, []);
        var host = new ElfLibraryInfo(exports.Where(e => e.Name != "host_lacks").ToList(), []);
        var spec = MinimalSpec() with
        {
            SetsErrno = ["open_it"], ReturnsHostString = ["version"], HostStringFields = ["s.msg"],
            GuestOverrides = new Dictionary<string, string> { ["custom"] = "custom.c" },
        };
        return PlannerFixture.Plan(spec, Headers(Functions, Stream), guest, host);
    }

    private static BoundaryFunction F(string name) => PlannerFixture.F(Plan().Plan, name);

    [Fact]
    public void CallbackFieldsOfAStructPassedByPointerAreWrapped()
    {
        var f = F("init");
        Assert.True(f.MayCallBack);
        var fp = Assert.Single(f.CallbackFieldParams);
        Assert.Equal(["alloc", "release"], fp.Fields.Select(x => x.Field));
        Assert.Equal("msg", Assert.Single(f.HostStringFields).Field);
    }

    [Fact]
    public void CallbackParametersShareOneSignaturePerShape()
    {
        var (plan, _) = Plan();
        var map = plan.Functions.Single(f => f.Decl.Name == "map");
        Assert.Equal(2, map.CallbackParams.Count);
        Assert.Equal(map.CallbackParams[0].SignatureId, map.CallbackParams[1].SignatureId);
        // alloc_with's parameter has the same shape as struct s's alloc field.
        var allocSig = plan.Functions.Single(f => f.Decl.Name == "alloc_with").CallbackParams[0].SignatureId;
        Assert.Equal(F("init").CallbackFieldParams[0].Fields[0].SignatureId, allocSig);
        Assert.Equal(3, plan.Signatures.Count);
    }

    [Fact]
    public void ErrnoAndHostStringsFollowTheSpec()
    {
        Assert.True(F("open_it").SetsErrno);
        Assert.False(F("open_it").MayCallBack);
        Assert.True(F("version").ReturnsHostString);
    }

    [Theory]
    [InlineData("say", "DLC007")]
    [InlineData("vsay", "DLC007")]
    [InlineData("host_lacks", "DLC005")]
    [InlineData("undeclared", "DLC006")]
    [InlineData("wide", "DLC004")]
    public void WhatCannotBeForwardedIsUnavailableWithADiagnostic(string name, string code)
    {
        var (plan, diags) = Plan();
        Assert.Equal(FunctionKind.Unavailable, plan.Functions.Single(f => f.Decl.Name == name).Kind);
        Assert.Contains(diags, d => d.Code == code && d.Message.StartsWith(name + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void OverridesAndDataSymbols()
    {
        var (plan, diags) = Plan();
        var custom = plan.Functions.Single(f => f.Decl.Name == "custom");
        Assert.Equal(FunctionKind.GuestOverride, custom.Kind);
        Assert.Equal(Path.Combine("/spec", "custom.c"), custom.Override);
        Assert.Contains(diags, d => d.Message.Contains("data symbol 'table'"));
        Assert.DoesNotContain(plan.Functions, f => f.Decl.Name == "table");
    }

    [Fact]
    public void RecordsReachableFromParametersAreLayoutChecked() =>
        Assert.Equal("s", Assert.Single(Plan().Plan.CheckedRecords).Tag);
}
