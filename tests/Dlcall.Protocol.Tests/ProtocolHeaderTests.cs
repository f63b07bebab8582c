// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.RegularExpressions;
using Dlcall.Protocol;
using Dlcall.TestSupport;

namespace Dlcall.Protocol.Tests;

/// <summary>protocol.h (the C side) and Dlcall.Protocol (the C# side) define the same protocol.</summary>
public partial class ProtocolHeaderTests
{
    private static readonly Dictionary<string, string> Defines = ReadDefines();

    [Theory]
    [InlineData("DLCALL_ID_GET_HOST_ATTRIBUTE", ProtocolId.GetHostAttribute)]
    [InlineData("DLCALL_ID_LOAD_LIBRARY", ProtocolId.LoadLibrary)]
    [InlineData("DLCALL_ID_GET_PROC_ADDRESS", ProtocolId.GetProcAddress)]
    [InlineData("DLCALL_ID_FREE_LIBRARY", ProtocolId.FreeLibrary)]
    [InlineData("DLCALL_ID_GET_LIBRARY_ERROR", ProtocolId.GetLibraryError)]
    [InlineData("DLCALL_ID_INVOKE_PROC", ProtocolId.InvokeProc)]
    [InlineData("DLCALL_ID_REGISTER_FAST_BLOCK", ProtocolId.RegisterFastBlock)]
    public void IdsMatch(string macro, ProtocolId id) => Assert.Equal(((ulong)id).ToString(), Defines[macro]);

    [Fact]
    public void EveryCSharpIdHasAMacro()
    {
        int macros = Defines.Keys.Count(k => k.StartsWith("DLCALL_ID_", StringComparison.Ordinal));
        Assert.Equal(Enum.GetValues<ProtocolId>().Length, macros);
    }

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
