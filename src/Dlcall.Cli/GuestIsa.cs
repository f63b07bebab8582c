// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Cli;

/// <summary>
/// An instruction set dlcall knows, under both of its names: QEMU's (qemu-aarch64, the GNU triple
/// aarch64-linux-gnu) and Debian's (arm64, what the guest roots are built from). The one place
/// those names and the mapping between them are spelled; every --arch accepts either.
/// </summary>
/// <param name="Qemu">QEMU's and GNU's name: aarch64, riscv64, x86_64.</param>
/// <param name="Debian">Debian's architecture: arm64, riscv64, amd64.</param>
/// <param name="ElfMachine">e_machine in an ELF header.</param>
internal sealed partial record GuestIsa(string Qemu, string Debian, int ElfMachine)
{
    public static readonly GuestIsa Aarch64 = new("aarch64", "arm64", 183);
    public static readonly GuestIsa Riscv64 = new("riscv64", "riscv64", 243);
    public static readonly GuestIsa X86_64 = new("x86_64", "amd64", 62);

    /// <summary>dlcall's host side (thunks, plugin) is built for x86_64 only.</summary>
    public static GuestIsa Host => X86_64;

    public static IReadOnlyList<GuestIsa> All { get; } = [Aarch64, Riscv64, X86_64];

    /// <summary>The foreign ISAs: stubs, guest roots and benchmarks exist for these.</summary>
    public static IReadOnlyList<GuestIsa> Guests { get; } = [.. All.Where(i => i != Host)];

    /// <summary>The GNU triple (aarch64-linux-gnu): library directories, cross compilers.</summary>
    public string Triple => Qemu + "-linux-gnu";

    /// <summary>Both names, once each (riscv64 has one).</summary>
    public IEnumerable<string> Names => Qemu == Debian ? [Qemu] : [Qemu, Debian];

    /// <summary>"aarch64 (arm64)", for messages.</summary>
    public override string ToString() => Qemu == Debian ? Qemu : $"{Qemu} ({Debian})";

    /// <summary>The ISA called <paramref name="name"/> by QEMU or Debian, or null.</summary>
    public static GuestIsa? Find(string name) => All.FirstOrDefault(i => i.Qemu == name || i.Debian == name);

    public static GuestIsa? FromElfMachine(int machine) => All.FirstOrDefault(i => i.ElfMachine == machine);
}
