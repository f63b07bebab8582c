// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Clang;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Tests;

/// <summary>clang's type spellings become the right shapes.</summary>
public class TypeSpellingParserTests
{
    [Theory]
    [InlineData("int", 4)]
    [InlineData("unsigned long", 8)]
    [InlineData("const unsigned char", 1)]
    [InlineData("enum mode", 4)]
    public void Scalars(string spelling, int size) =>
        Assert.Equal(size, Assert.IsType<ScalarType>(TypeSpellingParser.Parse(spelling, spelling)).Size);

    [Fact]
    public void DoubleIsFloatingPoint() => Assert.True(Assert.IsType<ScalarType>(TypeSpellingParser.Parse("double", "double")).IsFloat);

    [Fact]
    public void PointerToConstRecord()
    {
        var p = Assert.IsType<PointerType>(TypeSpellingParser.Parse("z_streamp", "const struct z_stream_s *"));
        Assert.True(p.PointeeIsConst);
        Assert.Equal("z_stream_s", Assert.IsType<RecordType>(p.Pointee).Tag);
        Assert.Equal("z_streamp", p.Spelling);
    }

    [Fact]
    public void FunctionPointerWithPointerReturn()
    {
        var f = Assert.IsType<FunctionPointerType>(TypeSpellingParser.Parse("alloc_func", "void *(*)(void *, unsigned int, unsigned int)"));
        Assert.IsType<PointerType>(f.Return);
        Assert.Equal(3, f.Parameters.Count);
        Assert.Equal("unsigned int", f.Parameters[2].Spelling);
    }

    [Fact]
    public void PointerToAFunctionTypedefIsAFunctionPointer()
    {
        // "ZSTD_sequenceProducer_F *" with ZSTD_sequenceProducer_F a function type, resolved.
        var f = Assert.IsType<FunctionPointerType>(TypeSpellingParser.Parse("held_visit_f *", "int (void *, int) *"));
        Assert.Equal("held_visit_f *", f.Spelling);
        Assert.Equal(2, f.Parameters.Count);
        Assert.Equal("int", Assert.IsType<ScalarType>(f.Return).Canonical);
    }

    [Fact]
    public void FunctionPointerTakingAFunctionPointerSplitsAtTopLevelCommas()
    {
        var f = Assert.IsType<FunctionPointerType>(TypeSpellingParser.Parse("x", "int (*)(void (*)(int, int), char **)"));
        Assert.Equal(2, f.Parameters.Count);
        Assert.IsType<FunctionPointerType>(f.Parameters[0]);
        Assert.IsType<PointerType>(f.Parameters[1]);
    }

    [Fact]
    public void NoParameters() =>
        Assert.Empty(Assert.IsType<FunctionPointerType>(TypeSpellingParser.Parse("cb", "void (*)(void)")).Parameters);

    [Theory]
    [InlineData("__builtin_va_list")]
    [InlineData("struct __va_list_tag *")]
    public void VaList(string spelling)
    {
        var t = TypeSpellingParser.Parse("va_list", spelling);
        Assert.True(t is VaListType || (t is PointerType { Pointee: VaListType }), t.ToString());
    }

    [Theory]
    [InlineData("long double")]
    [InlineData("int [4]")]
    [InlineData("__int128")]
    public void Unsupported(string spelling) => Assert.IsType<UnsupportedType>(TypeSpellingParser.Parse(spelling, spelling));

    [Fact]
    public void TypedefsResolveThroughChains()
    {
        var typedefs = new Dictionary<string, string> { ["Bytef"] = "Byte", ["Byte"] = "unsigned char", ["gzFile"] = "struct gzFile_s *" };
        Assert.Equal("const unsigned char *", TypedefResolver.Resolve("const Bytef *", typedefs));
        Assert.Equal("struct gzFile_s *", TypedefResolver.Resolve("gzFile", typedefs));
        Assert.Equal("struct Byte *", TypedefResolver.Resolve("struct Byte *", typedefs)); // a tag, not the typedef
    }

    [Fact]
    public void APointerToAFunctionTypedefIsAFunctionPointer()
    {
        // "BIO_info_cb *" resolves to "int (struct bio_st *, int, int) *".
        var f = Assert.IsType<FunctionPointerType>(TypeSpellingParser.Parse("int (struct bio_st *, int, int) *", "int (struct bio_st *, int, int) *"));
        Assert.Equal(3, f.Parameters.Count);
        Assert.Equal("int (*)(struct bio_st*, int, int)", f.Spelling);
    }

    [Fact]
    public void DecayedX86VaListIsVaList() =>
        Assert.Equal("va_list", Assert.IsType<VaListType>(TypeSpellingParser.Parse("struct __va_list_tag *", "struct __va_list_tag *")).Spelling);

    [Fact]
    public void AFunctionReturningAFunctionPointerHasThatReturnType() =>
        Assert.Equal("long (*)(BIO *, int)", AstTranslator.ReturnPart("long (*(const BIO_METHOD *))(BIO *, int)"));
}
