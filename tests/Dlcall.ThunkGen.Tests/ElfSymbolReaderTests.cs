// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Elf;

namespace Dlcall.ThunkGen.Tests;

/// <summary>The ELF reader on the host's real libz and on bad input.</summary>
public class ElfSymbolReaderTests
{
    private const string HostZlib = "/lib/x86_64-linux-gnu/libz.so.1";

    [Fact]
    public void ReadsExportsAndVersionNodes()
    {
        var (info, error) = ElfSymbolReader.Read(HostZlib);
        Assert.True(info != null, error);
        var deflate = Assert.Single(info!.Symbols, s => s.Name == "deflate");
        Assert.True(deflate.IsFunction);
        Assert.True(deflate.IsDefault);
        Assert.Null(deflate.Version); // zlib's oldest functions are in the base version
        Assert.Equal("ZLIB_1.2.0", Assert.Single(info.Symbols, s => s.Name == "compressBound").Version);
        Assert.Contains(info.Versions, v => v.Name == "ZLIB_1.2.0" && v.Parent is null);
        Assert.Contains(info.Versions, v => v.Name == "ZLIB_1.2.9" && v.Parent is not null);
        Assert.DoesNotContain(info.Symbols, s => s.Name.StartsWith("ZLIB_", StringComparison.Ordinal)); // node names are not exports
    }

    [Fact]
    public void NonElfIsAnErrorNotAnException()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, "not an elf file at all, but long enough to have a header.....................");
        var (info, error) = ElfSymbolReader.Read(path);
        Assert.Null(info);
        Assert.Equal("not an ELF file", error);
    }

    [Fact]
    public void TruncatedElfIsAnError()
    {
        string path = Path.GetTempFileName();
        File.WriteAllBytes(path, File.ReadAllBytes(HostZlib)[..200]);
        var (info, error) = ElfSymbolReader.Read(path);
        Assert.Null(info);
        Assert.Contains("corrupt", error);
    }
}
