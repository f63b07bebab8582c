// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// xz's own test suite for liblzma, built for aarch64 from Debian 12's xz-utils source
/// (tests/compress/build.sh), and its test files through Debian's xz: each passes fully emulated
/// and with liblzma passed through, printing the same.
/// </summary>
public class XzOwnTests
{
    public static TheoryData<string> Programs => new()
    {
        "test_bcj_exact_size", "test_block_header", "test_check", "test_filter_flags", "test_hardware", "test_index",
        "test_index_hash", "test_lzip_decoder", "test_memlimit", "test_stream_flags", "test_vli",
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public void XzsLiblzmaTestPassesLikeTheEmulatedRun(string program)
    {
        string dir = Path.Combine(RepoPaths.Artifacts, "compress", "aarch64", "xz-tests");
        // The tests find their files through $srcdir (tuktest_file_from_srcdir).
        var r = CompressGuest.Differential("aarch64", "lzma", [RepoPaths.Require("compress", "aarch64", "xz-tests", program)],
            new() { ["srcdir"] = dir });
        Assert.True(r.ExitCode == 0, r.ToString());
        // tuktest programs end with a summary; test_index (the older style) prints nothing.
        if (r.StdoutText.Contains("# TOTAL:")) Assert.Contains("# FAIL:  0", r.StdoutText);
    }

    [Fact]
    public void XzTestsEveryTestFileLikeTheEmulatedRun()
    {
        // xz's tests/files: good-*, bad-* and unsupported-* .xz and .lzma files, all in one `xz -t`.
        string files = Path.Combine(RepoPaths.Artifacts, "compress", "aarch64", "xz-tests", "files");
        var all = Directory.GetFiles(files).Where(f => f.EndsWith(".xz") || f.EndsWith(".lzma")).Order().ToArray();
        Assert.True(all.Length > 50, $"only {all.Length} test files in {files}");
        var r = CompressGuest.Differential("aarch64", "lzma", [CompressGuest.Debian("aarch64", "xz"), "-t", "--", .. all], sameStderr: true);
        Assert.Equal(1, r.ExitCode); // the bad-* files fail
        Assert.Contains("bad-", r.StderrText);
        Assert.DoesNotContain("/good-", r.StderrText);
    }
}
