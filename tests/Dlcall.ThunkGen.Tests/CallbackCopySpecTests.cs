// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

using static Dlcall.ThunkGen.Tests.PlannerFixture;

namespace Dlcall.ThunkGen.Tests;

/// <summary>Spec fields for callbacks the headers cannot describe: mistakes in them are errors.</summary>
public class CallbackCopySpecTests
{
    private static readonly FunctionDecl Work = new("work", new ScalarType("int", "int", 4, false),
        [new ParamDecl("ctx", new PointerType("struct ctx_s *", new RecordType("struct ctx_s", "ctx_s", false), false))], false, "t.h:1");

    private static readonly HeaderModel Headers = PlannerFixture.Headers([Work], new RecordDecl("ctx_s", false, [], false, "t.h:1"));

    private static List<Diagnostics.Diagnostic> Diagnose(LibrarySpec spec) => Plan(spec, Headers, Exports([Work])).Diags;

    [Fact]
    public void RetainedCallbacksMakeCallsOnTheObjectChooseTheirPath()
    {
        var (plan, diags) = Plan(MinimalSpec() with { RetainsCallbacks = ["ctx_s"] }, Headers, Exports([Work]));
        Assert.Empty(diags);
        var f = Assert.Single(plan.Functions);
        Assert.True(f.UsesRetainedCallbacks && f.MayCallBack && f.ChoosesPathPerCall);
    }

    [Fact]
    public void ANullDefaultForNoParameterIsAnError() =>
        Assert.Contains(Diagnose(MinimalSpec() with { NullDefaults = new Dictionary<string, string> { ["work.nothing"] = "&x" } }),
            d => d.Code == "DLC001" && d.Message.Contains("'work.nothing'"));

    [Fact]
    public void RetainingAnUndeclaredStructIsAnError() =>
        Assert.Contains(Diagnose(MinimalSpec() with { RetainsCallbacks = ["nope_s"] }), d => d.Code == "DLC001" && d.Message.Contains("'nope_s'"));
}
