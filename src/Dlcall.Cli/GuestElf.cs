// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Cli;

/// <summary>Which QEMU a guest program needs, from its ELF header.</summary>
internal static class GuestElf
{
    /// <summary>QEMU's name of the ISA (<see cref="GuestIsa"/>) of a 64-bit little-endian ELF; else null and why.</summary>
    public static (string? Isa, string Error) Detect(string path)
    {
        byte[] head = new byte[20];
        try
        {
            using var f = File.OpenRead(path);
            if (f.Read(head, 0, head.Length) < head.Length) return (null, "too short to be an ELF program");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
        if (head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') return (null, "not an ELF program");
        if (head[4] != 2 || head[5] != 1) return (null, "not a 64-bit little-endian program (dlcall needs the host's pointer size and byte order)");
        int machine = head[18] | head[19] << 8;
        return GuestIsa.FromElfMachine(machine) is { } isa
            ? (isa.Qemu, "")
            : (null, $"ELF machine {machine} is not one dlcall supports ({string.Join(", ", GuestIsa.All)})");
    }
}
