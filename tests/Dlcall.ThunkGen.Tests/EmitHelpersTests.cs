// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Clang;
using Dlcall.ThunkGen.Emit;

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
        // X509_verify(X509 *a, EVP_PKEY *r, int len): renamed once, when the headers are read.
        Assert.Equal(["a_", "r_", "len"], new[] { "a", "r", "len" }.Select(AstTranslator.SafeParamName));
    }
}
