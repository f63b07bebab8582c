// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Tests;

/// <summary>Spec fields for callbacks the headers cannot describe: mistakes in them are errors.</summary>
public class CallbackCopySpecTests
{
    private static readonly FunctionDecl Work = new("work", new ScalarType("int", "int", 4, false),
        [new ParamDecl("ctx", new PointerType("struct ctx_s *", new RecordType("struct ctx_s", "ctx_s", false), false))], false, "t.h:1");

    private static List<Diagnostics.Diagnostic> Plan(LibrarySpec spec)
    {
        var headers = new HeaderModel(new Dictionary<string, FunctionDecl> { ["work"] = Work },
            new Dictionary<string, RecordDecl> { ["ctx_s"] = new("ctx_s", false, [], false, "t.h:1") }, new Dictionary<string, string>());
        var lib = new ElfLibraryInfo([new ElfSymbol("work", null, true, true)], []);
        return BoundaryPlanner.Plan(spec, "/spec", headers, lib, lib).Diagnostics;
    }

    private static LibrarySpec Spec() => new() { Library = "t", Soname = "libt.so.1", Headers = ["t.h"], GuestPackage = "t" };

    [Fact]
    public void RetainedCallbacksMakeCallsOnTheObjectChooseTheirPath()
    {
        var headers = new HeaderModel(new Dictionary<string, FunctionDecl> { ["work"] = Work },
            new Dictionary<string, RecordDecl> { ["ctx_s"] = new("ctx_s", false, [], false, "t.h:1") }, new Dictionary<string, string>());
        var lib = new ElfLibraryInfo([new ElfSymbol("work", null, true, true)], []);
        var (plan, diags) = BoundaryPlanner.Plan(Spec() with { RetainsCallbacks = ["ctx_s"] }, "/spec", headers, lib, lib);
        Assert.Empty(diags);
        var f = Assert.Single(plan.Functions);
        Assert.True(f.UsesRetainedCallbacks && f.MayCallBack && f.ChoosesPathPerCall);
    }

    [Fact]
    public void ANullDefaultForNoParameterIsAnError() =>
        Assert.Contains(Plan(Spec() with { NullDefaults = new Dictionary<string, string> { ["work.nothing"] = "&x" } }),
            d => d.Code == "DLC001" && d.Message.Contains("'work.nothing'"));

    [Fact]
    public void RetainingAnUndeclaredStructIsAnError() =>
        Assert.Contains(Plan(Spec() with { RetainsCallbacks = ["nope_s"] }), d => d.Code == "DLC001" && d.Message.Contains("'nope_s'"));
}
