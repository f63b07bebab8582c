// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.RegularExpressions;
using Dlcall.TestSupport;
using Dlcall.ThunkGen.Driver;

namespace Dlcall.ThunkGen.Tests;

/// <summary>docs/ThunkGen.md lists the generator's passes; the table in code is the source of truth.</summary>
public partial class PassListDocTests
{
    [GeneratedRegex(@"^\d+\. \*\*(?<name>[^*]+)\*\*", RegexOptions.Multiline)]
    private static partial Regex NumberedPass();

    [Fact]
    public void TheDocListsThePassesOfTheTableInOrder()
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs/ThunkGen.md"));
        int start = doc.IndexOf("## The passes", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/ThunkGen.md has no section '## The passes'");
        int end = doc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = end < 0 ? doc[start..] : doc[start..end];
        var listed = NumberedPass().Matches(section).Select(m => m.Groups["name"].Value).ToList();
        Assert.Equal(ThunkGenerator.Passes.Select(p => p.Name), listed);
    }
}
