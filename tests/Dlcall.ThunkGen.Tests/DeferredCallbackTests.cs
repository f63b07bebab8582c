// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Clang;
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

using static Dlcall.ThunkGen.Tests.PlannerFixture;

namespace Dlcall.ThunkGen.Tests;

/// <summary>The spec settings for libraries that keep guest callbacks (deferredCallbacks, fastPath,
/// persistentRecords, quietUndeclared) and the name patterns they use.</summary>
public class DeferredCallbackTests
{
    private static readonly RecordDecl Module = new("module", false,
    [
        new FieldDecl("version", T("int")),
        new FieldDecl("open", T("int (*)(void *, int)")),
        new FieldDecl("lookup", T("int (*)(void *, void (**)(int))")),
    ], true, "t.h:1");

    private static readonly FunctionDecl[] Functions =
    [
        new("step", T("int"), [new ParamDecl("stmt", T("void *"))], false, "t.h:10"),
        new("column_int", T("int"), [new ParamDecl("stmt", T("void *"))], false, "t.h:11"),
        new("bind_text", T("int"), [new ParamDecl("z", T("const char *")), new ParamDecl("del", T("void (*)(void *)"))], false, "t.h:12"),
        new("register_module", T("int"), [new ParamDecl("m", T("const struct module *"))], false, "t.h:13"),
    ];

    private static (BoundaryPlan Plan, List<Dlcall.ThunkGen.Diagnostics.Diagnostic> Diags) Plan(bool deferred, bool quiet = false)
    {
        var spec = MinimalSpec() with
        {
            DeferredCallbacks = deferred ? ["*"] : [], FastPath = ["column_*", "bind_*"], PersistentRecords = ["module"],
            QuietUndeclared = quiet,
        };
        return PlannerFixture.Plan(spec, Headers(Functions, Module), Exports(Functions, "internalThing"));
    }

    private static BoundaryFunction F(string name, bool deferred = true) =>
        Plan(deferred).Plan.Functions.Single(f => f.Decl.Name == name);

    [Fact]
    public void WithoutTheSettingOnlyCallbackParametersNeedTheCoroutinePath()
    {
        Assert.False(F("step", deferred: false).MayCallBack);
        Assert.True(F("bind_text", deferred: false).MayCallBack);
    }

    [Fact]
    public void DeferredCallbacksSendEveryOtherFunctionThroughTheCoroutinePath()
    {
        Assert.True(F("step").Has<Strategies.DeferredCallbacks>());
        Assert.True(F("step").MayCallBack);
        Assert.False(F("column_int").MayCallBack);
    }

    [Fact]
    public void AFastFunctionWithACallbackIsFastOnlyForSentinels()
    {
        var f = F("bind_text");
        Assert.True(f.FastWhenSentinel);
        Assert.True(f.MayCallBack); // a real guest destructor still takes the coroutine path
        Assert.False(F("column_int").FastWhenSentinel);
    }

    [Fact]
    public void PersistentRecordsAreMarkedAndKeepOnlyCarriableCallbacks()
    {
        var p = Assert.Single(F("register_module").CallbackFieldParams);
        Assert.True(p.Persistent);
        Assert.Equal(["open"], p.Fields.Select(x => x.Field)); // lookup's pointer to a function pointer cannot be carried
    }

    [Fact]
    public void QuietUndeclaredDropsOnlyThatWarning()
    {
        Assert.Contains(Plan(true).Diags, d => d.Code == "DLC006");
        Assert.DoesNotContain(Plan(true, quiet: true).Diags, d => d.Code == "DLC006");
        Assert.Equal(FunctionKind.Unavailable, Plan(true, quiet: true).Plan.Functions.Single(f => f.Decl.Name == "internalThing").Kind);
    }

    [Theory]
    [InlineData("sqlite3_column_*", "sqlite3_column_text", true)]
    [InlineData("sqlite3_column_*", "sqlite3_bind_text", false)]
    [InlineData("sqlite3_free", "sqlite3_free", true)]
    [InlineData("sqlite3_free", "sqlite3_free_table", false)]
    [InlineData("*_text", "sqlite3_bind_text", true)]
    [InlineData("sqlite3_*_text*", "sqlite3_result_text64", true)]
    [InlineData("a*a", "a", false)]
    public void NamePatterns(string pattern, string name, bool matches) =>
        Assert.Equal(matches, Dlcall.ThunkGen.Spec.NamePatterns.MatchesOne(pattern, name));

    [Theory]
    [InlineData("void (*(*)(struct vfs *, void *, const char *))(void)")]
    [InlineData("void (*)(void) (*)(struct vfs *, const char *)")] // a typedef'd return, resolved textually
    public void FunctionPointersReturningTypeErasedFunctionsAreRefused(string spelling)
    {
        // Parsed (a callback returning a typed function is carried: CallbackReturnTests), refused as a callback.
        var fp = Assert.IsType<FunctionPointerType>(TypeSpellingParser.Parse(spelling, spelling));
        Assert.IsType<FunctionPointerType>(fp.Return);
        Assert.Contains("type-erased", BoundaryPlanner.CallbackProblem(fp));
    }
}

/// <summary>spec stateRecords: a pointer field to a record the library keeps its state in is never swapped
/// for a host copy of its callbacks around a call (libxml2's ctxt->input: xmlCtxtResetPush replaced it, and
/// the thunk put the freed one back; lxml's second parse with a reused feed parser crashed).</summary>
public class StateRecordTests
{
    private static readonly RecordDecl Input = new("input", false,
        [new FieldDecl("cur", T("const char *")), new FieldDecl("free", T("void (*)(void *)"))], true, "t.h:1");
    private static readonly RecordDecl Handler = new("handler", false, [new FieldDecl("start", T("void (*)(void *)"))], true, "t.h:2");
    private static readonly RecordDecl Ctxt = new("ctxt", false,
        [new FieldDecl("input", T("struct input *")), new FieldDecl("sax", T("struct handler *"))], true, "t.h:3");
    private static readonly FunctionDecl[] Functions = [new("reset_push", T("int"), [P("c", "struct ctxt *")], false, "t.h:10")];

    private static IEnumerable<string> CopiedFields(params string[] state)
    {
        var spec = MinimalSpec() with { StateRecords = state };
        var f = F(Plan(spec, Headers(Functions, Input, Handler, Ctxt), Exports(Functions)).Plan, "reset_push");
        return f.Get<Dlcall.ThunkGen.Strategies.CallbackCopies>()?.Copies.Select(c => c.Field!.Name) ?? [];
    }

    private static readonly FunctionDecl[] Readers = [new("new_io_input", T("int"), [P("buf", "struct input *")], false, "t.h:11")];

    // lxml stores readcallback in an xmlParserInputBuffer by field; the parse calls after
    // xmlNewIOInputStream called the guest address from host code.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AKeepWrappedRecordKeepsItsTrampolinesAfterTheCall(bool keep)
    {
        var spec = MinimalSpec() with { KeepWrappedRecords = keep ? ["input"] : [] };
        var plan = Plan(spec, Headers(Readers, Input), Exports(Readers)).Plan;
        string host = Dlcall.ThunkGen.Emit.HostThunkEmitter.Emit(spec, plan);
        Assert.Contains("r0->free = (void (*)(void *))dlcall__wrap(", host);
        Assert.Equal(!keep, host.Contains("r0->free = (void (*)(void *))(uintptr_t)dlcall_rt_guest_fn("));
    }

    [Fact]
    public void AStateRecordFieldIsHandedOverAsItIs()
    {
        Assert.Equal(["input", "sax"], CopiedFields().Order());
        Assert.Equal(["sax"], CopiedFields("input"));
    }
}
