// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Clang;
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Tests;

/// <summary>C spelling of declarators and parameter names in generated stubs.</summary>
public class EmitHelpersTests
{
    [Theory]
    [InlineData("void (*)(int)", "cb", "void (*cb)(int)")]
    [InlineData("int (**)(EC_KEY *)", "pinit", "int (**pinit)(EC_KEY *)")]
    [InlineData("unsigned char *", "p", "unsigned char * p")]
    public void DeclaratorsTakeTheNameInside(string spelling, string name, string expected) =>
        Assert.Equal(expected, CDecl.Declare(spelling, name));

    [Fact]
    public void ParameterNamesThatCollideWithStubLocalsAreRenamed()
    {
        var t = TypeSpellingParser.Parse("int", "int");
        var f = new FunctionDecl("X509_verify", t, [new ParamDecl("a", t), new ParamDecl("r", t), new ParamDecl("len", t)], false, "x.h:1");
        Assert.Equal(["a_", "r_", "len"], ParamNames.Safe(f).Params.Select(p => p.Name));
    }
}
