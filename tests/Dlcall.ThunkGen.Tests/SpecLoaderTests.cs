// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Tests;

/// <summary>Specs load, and bad ones are diagnostics with a location.</summary>
public class SpecLoaderTests
{
    [Fact]
    public void LoadsTheZlibSpec()
    {
        var (spec, error) = SpecLoader.Load(Path.Combine(RepoPaths.Root, "thunks/zlib/spec.json"));
        Assert.Null(error);
        Assert.Equal("libz.so.1", spec!.Soname);
        Assert.Contains("gzopen", spec.SetsErrno);
    }

    [Theory]
    [InlineData("{ \"library\": \"x\" }", "DLC001")]                   // required fields missing
    [InlineData("{ \"library\": \"x\", \"soname\": \"a\", \"headers\": [], \"guestPackage\": \"p\", \"typo\": 1 }", "DLC001")]
    [InlineData("{ not json", "DLC001")]
    public void BadSpecsAreDiagnostics(string text, string code)
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, text);
        var (spec, error) = SpecLoader.Load(path);
        Assert.Null(spec);
        Assert.Equal(code, error!.Code);
        Assert.StartsWith(path, error.Location);
    }
}
