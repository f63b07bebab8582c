// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

using static Dlcall.ThunkGen.Tests.PlannerFixture;

namespace Dlcall.ThunkGen.Tests;

/// <summary>A callback returning a function pointer (libxml2's xmlXPathFuncLookupFunc, whose guest
/// lookup returns guest XPath functions the host calls): the host entry wraps what it returns.</summary>
public class CallbackReturnTests
{
    private static readonly FunctionDecl[] Functions =
    [
        new("register_lookup", T("void"), [P("ctx", "void *"),
            new ParamDecl("lookup", T("void (*(*)(void *, const char *))(void *, int)", "lookup_fn"))], false, "t.h:10"),
    ];

    [Theory]
    [InlineData("void (*(*)(void *, const char *))(void *, int)", "void (*(*)(void *, const char *))(void *, int)")]
    [InlineData("void (*)(void *, int) (*)(void *, const char *)", "void (*(*)(void *, const char *))(void *, int)")] // the return's typedef desugared
    public void BothSpellingsParse(string desugared, string spelling)
    {
        var t = Assert.IsType<FunctionPointerType>(T(desugared));
        Assert.Equal(spelling, t.Spelling.Replace("*", " *").Replace("( *", "(*").Replace("  ", " "));
        var ret = Assert.IsType<FunctionPointerType>(t.Return);
        Assert.Equal(2, ret.Parameters.Count);
        Assert.IsType<ScalarType>(ret.Parameters[1]);
        Assert.Equal(2, t.Parameters.Count);
        Assert.Equal(spelling, Emit.CallbackEmitter.PointerType(t).Replace("*", " *").Replace("( *", "(*").Replace("  ", " "));
    }

    [Fact]
    public void TheReturnedFunctionHasASignatureAndIsWrapped()
    {
        var spec = MinimalSpec();
        var (plan, diags) = Plan(spec, Headers(Functions), Exports(Functions));
        Assert.True(F(plan, "register_lookup").Kind == FunctionKind.Forwarded, string.Join("; ", diags.Select(d => d.Message)));
        var lookup = Assert.Single(plan.Signatures, s => s.Type.Return is FunctionPointerType);
        var returned = Assert.Single(plan.Signatures, s => s.Type.Return is VoidType);
        Assert.Equal(2, returned.Type.Parameters.Count);
        string host = Emit.HostThunkEmitter.Emit(spec, plan);
        Assert.Contains("static void *dlcall__wrap(void *fn, int sig, const char *what);", host);
        Assert.Contains($"dlcall__wrap((void *)(uintptr_t)dlcall_rt_callback(t, argv, 2), {returned.Id}, \"t: returned by a callback", host);
        Assert.NotEqual(lookup.Id, returned.Id);
    }
}
