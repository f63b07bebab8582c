// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Driver;
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Build;

/// <summary>
/// Builds the generated sources: the guest stub with the guest's cross gcc (real soname, real
/// version nodes), the guest runtime it links with (<see cref="GuestRuntime"/>) and the memfuncs
/// interposer (<see cref="GuestMemfuncs"/>), the host
/// thunks with gcc against the host library and dlcall's host runtime.
/// </summary>
public static class Compiler
{
    /// <summary>Compiles both libraries; a compiler error becomes a diagnostic with its output.</summary>
    public static bool Build(GeneratorSettings s, LibrarySpec spec, List<Diagnostic> diags, List<string> files)
    {
        // The library's own headers only (staged by the generator): the host's /usr/include would
        // drag in host libc headers.
        string guestInclude = s.GuestIncludeDir;
        Directory.CreateDirectory(s.GuestLibDir);
        string native = Path.Combine(s.RepoRoot, "native");
        string hostDir = s.HostLibDir;
        Directory.CreateDirectory(hostDir);
        string guestOut = Path.Combine(s.GuestLibDir, spec.Soname);
        string hostOut = Path.Combine(hostDir, GuestLoaderEmitter.HostLibraryName(spec));
        string hostRuntime = Path.Combine(hostDir, "libdlcall_host.so");
        string guestRuntime = GuestRuntime.PathIn(s.GuestLibDir);
        // Built aside and renamed: a program running the old copy, or another generation, never sees half a file.
        string guestRuntimeTemp = $"{guestRuntime}.{Environment.ProcessId}.tmp";
        string memfuncs = GuestMemfuncs.PathIn(s.GuestLibDir);
        string memfuncsTemp = $"{memfuncs}.{Environment.ProcessId}.tmp";

        return Run(diags, "bash", [Path.Combine(native, "host", "build.sh"), hostDir])
            && Run(diags, s.GuestTriple + "-gcc", GuestRuntime.BuildArgs(s.RepoRoot, guestRuntimeTemp))
            && Rename(guestRuntimeTemp, guestRuntime)
            && Run(diags, s.GuestTriple + "-gcc", GuestMemfuncs.BuildArgs(s.RepoRoot, s.GuestLibDir, s.HostDirAtRunTime, s.GuestCodeFlags, memfuncsTemp))
            && Rename(memfuncsTemp, memfuncs)
            && Run(diags, s.GuestTriple + "-gcc", ["-std=gnu11", "-O2", "-Wall", "-Wno-unused-function", "-fPIC", "-shared", .. s.GuestCodeFlags,
                $"-Wl,-soname,{spec.Soname}", $"-Wl,--version-script={Path.Combine(s.SourceDir, spec.Soname + ".map")}",
                "-I", Path.Combine(native, "include"), "-I", guestInclude, "-I", s.SourceDir, "-o", guestOut,
                Path.Combine(s.SourceDir, $"{spec.Library}_stub.c"), .. OverrideUnits.GuestUnits(spec), .. GuestRuntime.StubArgs(s.GuestLibDir), "-lpthread"])
            && Run(diags, "gcc", ["-std=gnu11", "-O2", "-Wall", "-Wno-unused-function", "-fPIC", "-shared",
                "-I", Path.Combine(native, "host"), "-I", Path.Combine(native, "include"), .. spec.IncludeDirs.SelectMany(d => new[] { "-I", d }),
                "-I", s.SourceDir, "-o", hostOut, Path.Combine(s.SourceDir, $"{spec.Library}_thunk.c"), .. OverrideUnits.HostUnits(spec),
                "-L", hostDir, "-L", Path.GetDirectoryName(s.HostLibraryPath)!, "-ldlcall_host", "-Wl,-rpath,$ORIGIN", "-l:" + (spec.HostLibrary ?? spec.Soname), "-ldl"])
            && AddAll(files, guestOut, guestRuntime, memfuncs, hostOut, hostRuntime);
    }

    private static bool Rename(string from, string to)
    {
        File.Move(from, to, overwrite: true);
        return true;
    }

    private static bool AddAll(List<string> files, params string[] paths)
    {
        files.AddRange(paths);
        return true;
    }

    private static bool Run(List<Diagnostic> diags, string exe, IEnumerable<string> args)
    {
        try
        {
            var (code, output, err) = ChildProcess.Capture(exe, args);
            if (code == 0) return true;
            diags.Add(new(Severity.Error, DiagnosticCodes.CompileFailed, $"{exe} failed:\n{err}{output}".TrimEnd()));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            diags.Add(new(Severity.Error, DiagnosticCodes.CompileFailed, $"cannot run {exe}: {e.Message}"));
        }
        return false;
    }
}
