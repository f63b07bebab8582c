// SPDX-License-Identifier: GPL-2.0-or-later
using System.Diagnostics;
using System.Text.Json;
using Dlcall.ThunkGen.Build;

namespace Dlcall.ThunkGen.Clang;

/// <summary>Runs Debian's clang for one target triple and returns its JSON AST.</summary>
internal static class ClangRunner
{
    /// <summary>The AST of <paramref name="source"/> (C text) for <paramref name="triple"/>,
    /// or the compiler's error text.</summary>
    public static (JsonDocument? Ast, string Errors) DumpAst(string source, string triple, IEnumerable<string> includeDirs)
    {
        var psi = new ProcessStartInfo("clang");
        foreach (string a in new[] { "--target=" + triple, "-std=gnu11", "-fsyntax-only", "-Xclang", "-ast-dump=json" })
            psi.ArgumentList.Add(a);
        foreach (string dir in includeDirs) psi.ArgumentList.Add("-I" + dir);
        psi.ArgumentList.Add("-x");
        psi.ArgumentList.Add("c");
        psi.ArgumentList.Add("-");
        var stdout = new MemoryStream();
        int code;
        string stderr;
        try
        {
            (code, stderr) = ChildProcess.Run(psi, s => s.CopyTo(stdout), s => s.Write(System.Text.Encoding.UTF8.GetBytes(source)));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, "cannot run clang (apt-get install clang): " + e.Message);
        }
        if (code != 0) return (null, stderr);
        stdout.Position = 0;
        return (JsonDocument.Parse(stdout, new JsonDocumentOptions { MaxDepth = 4096 }), "");
    }
}
