// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Debian's unmodified arm64 <c>sqlite3</c> program (it links libsqlite3.so.0 dynamically) under
/// <c>dlcall run</c>: fully emulated with the real guest library, or with libsqlite3 passed through
/// to the host's. Each run gets a fresh working directory for its database.
/// </summary>
internal static class SqliteCli
{
    /// <summary>Debian's arm64 guest root with the sqlite3 package and its dependencies.</summary>
    public static string Sysroot => GuestCommand.Root("aarch64", "sqlite3");

    /// <summary>tests/sqlite3/<paramref name="name"/>.</summary>
    public static string TestFile(string name) => Path.Combine(RepoPaths.Root, "tests", "sqlite3", name);

    /// <summary><c>sqlite3 ARGS</c> with libsqlite3 emulated (<paramref name="passthrough"/> "none")
    /// or passed through ("sqlite3"), in a new directory (with <paramref name="files"/>, name to text, in it);
    /// <paramref name="env"/> adds to the environment.</summary>
    public static ProcessResult Run(string passthrough, string[] args, TimeSpan? timeout = null, Dictionary<string, string>? env = null,
        Dictionary<string, string>? files = null) =>
        RunProgram(passthrough, Path.Combine(Sysroot, "usr/bin/sqlite3"), args, timeout, env, files);

    /// <summary>Any arm64 program linked against libsqlite3.so.0, like <see cref="Run"/>.</summary>
    public static ProcessResult RunProgram(string passthrough, string program, string[] args, TimeSpan? timeout = null,
        Dictionary<string, string>? env = null, Dictionary<string, string>? files = null)
    {
        string dir = Directory.CreateTempSubdirectory("dlcall-sqlite-").FullName;
        try
        {
            foreach (var (name, text) in files ?? []) File.WriteAllText(Path.Combine(dir, name), text);
            string[] argv = ["run", "--passthrough", passthrough, "--sysroot", Sysroot, "--", program, .. args];
            return ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), argv, timeout ?? TimeSpan.FromMinutes(5), env, dir);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>Asserts that both runs ended alike and printed the same bytes.</summary>
    public static void AssertSame(ProcessResult emulated, ProcessResult passedThrough)
    {
        Assert.True(emulated.ExitCode == passedThrough.ExitCode,
            $"exit codes differ\n=== emulated\n{emulated}\n=== passed through\n{passedThrough}");
        Assert.True(emulated.Stderr.SequenceEqual(passedThrough.Stderr),
            $"stderr differs\n=== emulated\n{emulated.StderrText}\n=== passed through\n{passedThrough.StderrText}");
        Assert.True(emulated.Stdout.SequenceEqual(passedThrough.Stdout),
            $"stdout differs\n=== emulated\n{emulated.StdoutText}\n=== passed through\n{passedThrough.StdoutText}");
    }
}
