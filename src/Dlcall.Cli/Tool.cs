// SPDX-License-Identifier: GPL-2.0-or-later
using System.Diagnostics;

namespace Dlcall.Cli;

/// <summary>Runs a helper program and returns its trimmed stdout, or null if it failed or is missing.</summary>
internal static class Tool
{
    public static string? Output(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            _ = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
