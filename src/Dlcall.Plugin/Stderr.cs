// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Plugin;

/// <summary>
/// Writes to fd 2 with write(2). System.Console would start its own signal handling and
/// terminal machinery inside QEMU's process for one line of output.
/// </summary>
internal static unsafe class Stderr
{
    /// <summary>Writes all of <paramref name="bytes"/>, retrying short writes.</summary>
    public static void Write(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            byte* p = start;
            nuint left = (nuint)bytes.Length;
            while (left > 0)
            {
                nint n = LibC.Write(2, p, left);
                if (n <= 0) return;
                p += n;
                left -= (nuint)n;
            }
        }
    }
}
