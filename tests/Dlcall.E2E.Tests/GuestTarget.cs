// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.E2E.Tests;

/// <summary>One way to build a guest program: ISA and linking (tests/e2e/build.sh's output dirs).</summary>
/// <param name="Isa">aarch64, riscv64 or x86_64.</param>
/// <param name="Link">static or dynamic.</param>
public sealed record GuestTarget(string Isa, string Link)
{
    /// <summary>Every ISA x linking combination; the e2e theories run on each.</summary>
    public static TheoryData<string, string> All { get; } = Build();

    /// <summary>The sysroot QEMU needs for a dynamic guest (-L), or null.</summary>
    public string? Sysroot => Link != "dynamic" ? null : Isa switch
    {
        "aarch64" => "/usr/aarch64-linux-gnu",
        "riscv64" => "/usr/riscv64-linux-gnu",
        _ => null, // an x86_64 guest uses the host's own libc
    };

    public override string ToString() => $"{Isa}-{Link}";

    private static TheoryData<string, string> Build()
    {
        var data = new TheoryData<string, string>();
        foreach (string isa in new[] { "aarch64", "riscv64", "x86_64" })
        {
            data.Add(isa, "static");
            data.Add(isa, "dynamic");
        }
        return data;
    }
}
