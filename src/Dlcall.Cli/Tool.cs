// SPDX-License-Identifier: GPL-2.0-or-later
using System.Diagnostics;
using Dlcall.ThunkGen.Build;

namespace Dlcall.Cli;

/// <summary>Runs a helper program and returns its trimmed stdout, or null if it failed or is missing.</summary>
internal static class Tool
{
    public static string? Output(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe);
        foreach (string a in args) psi.ArgumentList.Add(a);
        try
        {
            var (code, output, _) = ChildProcess.Run(psi);
            return code == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
