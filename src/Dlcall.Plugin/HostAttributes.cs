// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;
using System.Text;
using Dlcall.Protocol;

namespace Dlcall.Plugin;

/// <summary>
/// The answers of GET_HOST_ATTRIBUTE. Values live in native memory allocated once at install,
/// so the pointers handed to the guest stay valid for the life of the process.
/// </summary>
internal static unsafe class HostAttributes
{
    private static byte[][] s_keys = [];
    private static nint[] s_values = [];

    /// <summary>Builds the table; called once from install. The fast-path key is answered only
    /// when <paramref name="fastPath"/> is on, so a guest can probe for it.</summary>
    public static void Initialize(bool fastPath)
    {
        if (s_keys.Length != 0) return;
        (string Key, string Value)[] table =
        [
            (HostAttributeKeys.Emu, HostAttributeKeys.EmuValue),
            (HostAttributeKeys.Version, PluginVersion.Current),
            (HostAttributeKeys.HostArch, HostArchName()),
            .. fastPath ? [(HostAttributeKeys.FastPath, FastPath.AbiVersion)] : Array.Empty<(string, string)>(),
        ];
        s_values = table.Select(e => (nint)CString.AllocPermanent(Encoding.ASCII.GetBytes(e.Value))).ToArray();
        s_keys = table.Select(e => Encoding.ASCII.GetBytes(e.Key)).ToArray();
    }

    /// <summary>The value for <paramref name="key"/>, or NULL for an unknown key.</summary>
    public static byte* Lookup(byte* key)
    {
        byte[][] keys = s_keys;
        for (int i = 0; i < keys.Length; i++)
        {
            if (CString.Equals(key, keys[i])) return (byte*)s_values[i];
        }
        return null;
    }

    private static string HostArchName() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.RiscV64 => "riscv64",
        var other => other.ToString().ToLowerInvariant(),
    };
}
