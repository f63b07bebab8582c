// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.RegularExpressions;
using Dlcall.Protocol;
using Dlcall.TestSupport;

namespace Dlcall.Protocol.Tests;

/// <summary>protocol.h (the C side) and Dlcall.Protocol (the C# side) define the same protocol.</summary>
public partial class ProtocolHeaderTests
{
    private static readonly Dictionary<string, string> Defines = ReadDefines();

    /// <summary>DLCALL_ID_LIST's X(NAME, value) entries: the one list of the IDs.</summary>
    private static readonly (string Name, ulong Value)[] IdList = ReadIdList();

    [Fact]
    public void IdListMatchesProtocolId()
    {
        var expected = Enum.GetValues<ProtocolId>().Select(id => (CName(id), (ulong)id));
        Assert.Equal(expected, IdList);
    }

    [Fact]
    public void IdListIsDense()
    {
        // The plugin's stats and trace tables are indexed by ID: 0 .. DLCALL_ID_COUNT - 1.
        Assert.Equal(Enumerable.Range(0, IdList.Length).Select(i => (ulong)i), IdList.Select(e => e.Value));
    }

    [Fact]
    public void NoIdIsDefinedOutsideTheList()
    {
        Assert.DoesNotContain(Defines.Keys, k => k.StartsWith("DLCALL_ID_", StringComparison.Ordinal)
                                                 && k != "DLCALL_ID_LIST" && !k.EndsWith('_'));
    }

    /// <summary>The managed dispatcher serves every ID but INVOKE_PROC, which the C filter
    /// serves (src/Dlcall.Plugin/native/call.h); an ID added to the list without a case fails
    /// here, not as -EINVAL in a guest.</summary>
    [Fact]
    public void DispatcherServesEveryIdButInvokeProc()
    {
        string source = File.ReadAllText(Path.Combine(RepoPaths.Root, "src/Dlcall.Plugin/Dispatcher.cs"));
        var cases = DispatchCaseRegex().Matches(source).Select(m => m.Groups[1].Value).Order();
        var expected = Enum.GetValues<ProtocolId>().Where(id => id != ProtocolId.InvokeProc).Select(id => id.ToString()).Order();
        Assert.Equal(expected, cases);
        string call = File.ReadAllText(Path.Combine(RepoPaths.Root, "src/Dlcall.Plugin/native/call.h"));
        Assert.Contains("a1 == DLCALL_ID_INVOKE_PROC", call);
    }

    // GetHostAttribute -> GET_HOST_ATTRIBUTE
    private static string CName(ProtocolId id) =>
        string.Concat(id.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    private static (string, ulong)[] ReadIdList()
    {
        string header = File.ReadAllText(Path.Combine(RepoPaths.Root, "native/include/dlcall/protocol.h"));
        int start = header.IndexOf("#define DLCALL_ID_LIST(X)", StringComparison.Ordinal);
        Assert.True(start >= 0, "protocol.h has no DLCALL_ID_LIST");
        // The macro runs while lines end in a backslash.
        var body = new List<string>();
        foreach (string line in header[start..].Split('\n'))
        {
            body.Add(line);
            if (!line.TrimEnd().EndsWith('\\')) break;
        }
        return IdEntryRegex().Matches(string.Join('\n', body))
            .Select(m => (m.Groups[1].Value, ulong.Parse(m.Groups[2].Value))).ToArray();
    }

    [GeneratedRegex(@"\bX\((\w+),\s*(\d+)\)")]
    private static partial Regex IdEntryRegex();

    [GeneratedRegex(@"\(ulong\)ProtocolId\.(\w+)\s*=>")]
    private static partial Regex DispatchCaseRegex();

    [Theory]
    [InlineData("DLCALL_SYSCALL_NUM_DEFAULT", SyscallNumbers.Default)]
    [InlineData("DLCALL_SYSCALL_NUM_MIN", SyscallNumbers.Minimum)]
    [InlineData("DLCALL_OK", Errno.Ok)]
    [InlineData("DLCALL_EFAULT", Errno.EFAULT)]
    [InlineData("DLCALL_EINVAL", Errno.EINVAL)]
    [InlineData("DLCALL_ENOSYS", Errno.ENOSYS)]
    [InlineData("DLCALL_ENOSPC", Errno.ENOSPC)]
    [InlineData("DLCALL_ENAMETOOLONG", Errno.ENAMETOOLONG)]
    [InlineData("DLCALL_STRING_MAX", Limits.StringMax)]
    [InlineData("DLCALL_FAST_PENDING", FastPath.Pending)]
    public void NumbersMatch(string macro, long value) => Assert.Equal(value.ToString(), Defines[macro]);

    [Theory]
    [InlineData("DLCALL_ATTR_EMU", HostAttributeKeys.Emu)]
    [InlineData("DLCALL_ATTR_EMU_VALUE", HostAttributeKeys.EmuValue)]
    [InlineData("DLCALL_ATTR_VERSION", HostAttributeKeys.Version)]
    [InlineData("DLCALL_ATTR_HOST_ARCH", HostAttributeKeys.HostArch)]
    [InlineData("DLCALL_ATTR_FAST_PATH", HostAttributeKeys.FastPath)]
    [InlineData("DLCALL_FAST_PATH_ABI", FastPath.AbiVersion)]
    public void StringsMatch(string macro, string value) => Assert.Equal($"\"{value}\"", Defines[macro]);

    [Theory]
    [InlineData("DLCALL_FAST_MAGIC_AARCH64", FastPath.MagicAarch64)]
    [InlineData("DLCALL_FAST_MAGIC_RISCV64", FastPath.MagicRiscv64)]
    [InlineData("DLCALL_FAST_MAGIC_X86_64", FastPath.MagicX86_64)]
    public void MagicInstructionsMatch(string macro, ulong value) =>
        Assert.Equal(value, Convert.ToUInt64(Defines[macro], 16));

    private static Dictionary<string, string> ReadDefines()
    {
        string header = File.ReadAllText(Path.Combine(RepoPaths.Root, "native/include/dlcall/protocol.h"));
        return DefineRegex().Matches(header).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    [GeneratedRegex(@"^#define\s+(DLCALL_\w+)\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex DefineRegex();
}
