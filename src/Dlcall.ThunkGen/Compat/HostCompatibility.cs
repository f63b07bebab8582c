// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Compat;

/// <summary>One library `dlcall run` would pass through: its spec and the three files that decide it.</summary>
/// <param name="GuestLibrary">The guest root's real library (what the program runs emulated).</param>
/// <param name="HostLibrary">The host library the thunks call.</param>
/// <param name="Stub">The generated guest stub that takes the real library's soname.</param>
public sealed record PassthroughCandidate(LibrarySpec Spec, string GuestLibrary, string HostLibrary, string Stub);

/// <summary>
/// Whether the host's build of a library can serve what the guest's programs need of it, decided
/// from the ELF files alone before QEMU starts: a library that cannot stays emulated, so that
/// passing libraries through never breaks a program that runs emulated. Three checks, each
/// answering null (fine) or the one-line reason:
/// <list type="bullet">
/// <item><see cref="MissingVersionNodes"/>: ld.so refuses to start a program whose library lacks a
/// version node it was linked against, before any of dlcall's code runs.</item>
/// <item><see cref="VersionMismatch"/>: the library's own version check (the spec's versionCheck).</item>
/// <item><see cref="UnservedImports"/>: a symbol the program or one of its libraries needs that the
/// host library lacks (a newer guest: libssl 3.5 calling libcrypto 3.5 functions a 3.0 host has not),
/// whose stub could only abort.</item>
/// </list>
/// </summary>
public static class HostCompatibility
{
    /// <summary>Null when <paramref name="c"/> can be passed through for a program loading
    /// <paramref name="consumers"/> (the program and its start-up libraries), else why not.</summary>
    public static string? Refusal(PassthroughCandidate c, IReadOnlyList<(string Path, ElfDynamicInfo Info)> consumers)
    {
        var guest = ElfSymbolReader.Read(c.GuestLibrary).Info;
        var stub = ElfSymbolReader.Read(c.Stub).Info;
        var host = ElfSymbolReader.Read(c.HostLibrary).Info;
        if (guest is null) return $"the guest's {c.Spec.Soname} is not a readable ELF library";
        if (stub is null) return $"its stub {c.Stub} is not a readable ELF library";
        if (host is null) return $"the host's {c.HostLibrary} is not a readable ELF library";
        return MissingVersionNodes(c, guest, stub) ?? VersionMismatch(c) ?? UnservedImports(c, guest, stub, host, consumers);
    }

    /// <summary>Version nodes of the guest's library the stub does not define (a stub generated from
    /// another guest root than the one the program runs in).</summary>
    public static string? MissingVersionNodes(PassthroughCandidate c, ElfLibraryInfo guest, ElfLibraryInfo stub)
    {
        var missing = guest.Versions.Select(v => v.Name).Except(stub.Versions.Select(v => v.Name)).ToList();
        return missing.Count == 0 ? null
            : $"the guest's {c.Spec.Soname} defines version node{(missing.Count > 1 ? "s" : "")} {Few(missing)} that the stub " +
              $"lacks (it was generated from another guest root: dlcall gen {c.Spec.Library})";
    }

    /// <summary>The spec's versionCheck: the host's version string against the guest's.</summary>
    public static string? VersionMismatch(PassthroughCandidate c)
    {
        if (c.Spec.VersionCheck is not { } check) return null;
        string? guest = ElfDynamicReader.ReadExportedString(c.GuestLibrary, check.Symbol);
        string? host = ElfDynamicReader.ReadExportedString(c.HostLibrary, check.Symbol);
        if (guest is null || host is null)
            return $"{check.Symbol} cannot be read from the {(guest is null ? "guest's" : "host's")} {c.Spec.Soname}";
        if (check.Rule is not ("equal" or "hostNotOlder")) return $"its spec's versionCheck rule '{check.Rule}' is neither equal nor hostNotOlder";
        bool ok = check.Rule == "equal" ? guest == host : CompareVersions(host, guest) >= 0;
        return ok ? null : check.Rule == "equal"
            ? $"the host's {c.Spec.Soname} is {host}, the guest's {guest}, and its programs check the version exactly"
            : $"the host's {c.Spec.Soname} is {host}, older than the guest's {guest}";
    }

    /// <summary>Symbols the consumers take from this library that the pass-through cannot give them: not in
    /// the stub at all (ld.so fails), or forwarded to a host function that does not exist (the stub aborts).</summary>
    public static string? UnservedImports(PassthroughCandidate c, ElfLibraryInfo guest, ElfLibraryInfo stub, ElfLibraryInfo host,
        IReadOnlyList<(string Path, ElfDynamicInfo Info)> consumers)
    {
        var guestExports = guest.Symbols.Select(s => s.Name).ToHashSet();
        var guestFunctions = guest.Symbols.Where(s => s.IsFunction).Select(s => s.Name).ToHashSet();
        var stubExports = stub.Symbols.Select(s => s.Name).ToHashSet();
        var hostFunctions = host.Symbols.Where(s => s.IsFunction).Select(s => s.Name).ToHashSet();
        string guestPath = Path.GetFullPath(c.GuestLibrary);
        var unserved = new List<(string Consumer, ElfImport Import)>();
        foreach (var (path, info) in consumers.Where(x => Path.GetFullPath(x.Path) != guestPath))
        {
            // A versioned import names its library; an unversioned one is this library's if it defines it.
            foreach (var import in info.Imports.Where(i => i.VersionFile == c.Spec.Soname || (i.VersionFile is null && guestExports.Contains(i.Name))))
            {
                bool served = stubExports.Contains(import.Name)
                    ? c.Spec.FallbackToGuest || c.Spec.GuestOverrides.ContainsKey(import.Name) || c.Spec.RunInGuestLibrary.Contains(import.Name)
                      || !guestFunctions.Contains(import.Name) || hostFunctions.Contains(import.Name)
                    : import.Weak;
                if (!served) unserved.Add((Path.GetFileName(path), import));
            }
        }
        if (unserved.Count == 0) return null;
        var names = unserved.Select(u => u.Import.Version is null ? u.Import.Name : $"{u.Import.Name}@{u.Import.Version}").Distinct().ToList();
        var who = unserved.Select(u => u.Consumer).Distinct().ToList();
        return $"{Few(who)} need{(who.Count == 1 ? "s" : "")} {Few(names)}, which the host's {Path.GetFileName(c.HostLibrary)} lacks";
    }

    /// <summary>Dotted version strings compared number by number ("3.46.1" &gt; "3.40.1"); a part that is not
    /// a number compares as text.</summary>
    public static int CompareVersions(string a, string b)
    {
        string[] x = a.Split('.', '-', ' '), y = b.Split('.', '-', ' ');
        for (int i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            string p = i < x.Length ? x[i] : "0", q = i < y.Length ? y[i] : "0";
            int c = long.TryParse(p, out long m) && long.TryParse(q, out long n) ? m.CompareTo(n) : string.CompareOrdinal(p, q);
            if (c != 0) return c;
        }
        return 0;
    }

    private static string Few(IReadOnlyList<string> items) =>
        items.Count <= 3 ? string.Join(", ", items) : $"{string.Join(", ", items.Take(3))} and {items.Count - 3} more";
}
