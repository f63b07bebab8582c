// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>NUL-terminated strings in native memory, without allocating on the managed heap.</summary>
internal static unsafe class CString
{
    /// <summary>True when <paramref name="s"/> equals <paramref name="literal"/> (which has no NUL).</summary>
    public static bool Equals(byte* s, ReadOnlySpan<byte> literal)
    {
        for (int i = 0; i < literal.Length; i++)
        {
            if (s[i] != literal[i]) return false; // also stops at s's NUL
        }
        return s[literal.Length] == 0;
    }

    /// <summary>Copies <paramref name="text"/> into never-freed native memory, NUL-terminated:
    /// the guest reads it through the pointer the plugin hands out.</summary>
    public static byte* AllocPermanent(ReadOnlySpan<byte> text)
    {
        byte* p = (byte*)NativeMemory.Alloc((nuint)text.Length + 1);
        text.CopyTo(new Span<byte>(p, text.Length));
        p[text.Length] = 0;
        return p;
    }

    /// <summary>The bytes of <paramref name="s"/> without its NUL.</summary>
    public static byte[] ToArray(byte* s) =>
        MemoryMarshal.CreateReadOnlySpanFromNullTerminated(s).ToArray();
}
