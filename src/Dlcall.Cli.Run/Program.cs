// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.Cli;

// dlcall-run: the `dlcall` command as started (./dlcall execs it, the installed `dlcall` is a link to
// it). Older than a source, it has ./dlcall publish it again (CliBuild). Then, when the full CLI has
// recorded this launch (WarmRun) and nothing it was derived from changed, it execs QEMU the same way;
// for anything else (another command or option, a cold or stale record, any mistake to report) it
// hands the same arguments to the full CLI beside it, which answers as always. It never prints a
// message of its own.
bool trace = Environment.GetEnvironmentVariable(WarmRun.TraceVariable) == "1";
string self = Environment.ProcessPath ?? Path.Combine(AppContext.BaseDirectory, "dlcall-run");
// The clone this executable was published in (CLONE/artifacts/cli/), whatever DLCALL_ROOT says.
string clone = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(self)!, "..", ".."));
if (Environment.GetEnvironmentVariable(CliBuild.FreshVariable) == "1")
{
    PosixExec.SetVariable(CliBuild.FreshVariable, null); // for this process only, not the commands it starts
    // Just published: the list of its sources, so the next starts stat them instead of walking src/.
    CliBuild.Record(clone, self);
}
else if (CliBuild.IsStale(clone, self))
{
    string wrapper = Path.Combine(clone, "dlcall");
    if (trace) Console.Error.WriteLine("dlcall-run: a source is newer: rebuilding through ./dlcall");
    PosixExec.SetVariable(CliBuild.RebuildVariable, "1");
    string rebuildError = PosixExec.ExecAsIs("/bin/sh", [wrapper, .. args]);
    Console.Error.WriteLine($"dlcall: cannot run {wrapper}: {rebuildError}");
    return 2;
}
var (launch, why) = WarmLaunch(args);
if (launch is { } l)
{
    if (trace) Console.Error.WriteLine("dlcall-run: started from the recorded launch");
    string error = PosixExec.Exec(l.Qemu, l.Args);
    Console.Error.WriteLine($"dlcall run: cannot run {l.Qemu}: {error}"); // the full CLI's words
    return 2;
}
if (trace) Console.Error.WriteLine($"dlcall-run: handing over to the full CLI: {why}");
string full = Path.Combine(AppContext.BaseDirectory, "dlcall");
string handOverError = PosixExec.ExecAsIs(full, args);
Console.Error.WriteLine($"dlcall: cannot run {full}: {handOverError}");
return 2;

// QEMU and all its arguments for a warm `run`, or why not. The options understood here are those a
// recorded run can have; the full CLI parses any other (and says what is wrong).
static ((string Qemu, List<string> Args)? Launch, string Why) WarmLaunch(string[] args)
{
    if (args.Length < 2 || args[0] != "run") return (null, "not a run");
    string arch = "auto", passthrough = "all";
    string? sysroot = null;
    bool followExec = true;
    var seen = new HashSet<string>();
    int i = 1;
    for (; i < args.Length; i++)
    {
        string token = args[i];
        if (token == "--") { i++; break; }
        if (!token.StartsWith('-') || token == "-") break; // the program: the rest is its own
        if (!seen.Add(token)) return (null, $"{token} twice");
        if (token == "--no-follow-exec") { followExec = false; continue; }
        if (token is not ("--arch" or "--passthrough" or "--sysroot")) return (null, $"option {token}");
        // A value like an option or a response file (@file) is the parser's to judge.
        if (i + 1 >= args.Length || args[i + 1].StartsWith('-') || args[i + 1].StartsWith('@')) return (null, $"{token}'s value");
        string value = args[++i];
        if (token == "--passthrough") passthrough = value;
        else if (token == "--sysroot") sysroot = value;
        else if (value == "auto") arch = value;
        else if (GuestIsa.Find(value) is { } named) arch = named.Qemu;
        else return (null, $"--arch {value}");
    }
    if (i >= args.Length) return (null, "no program");
    string[] command = args[i..];
    string program = command[0];
    if (program.StartsWith('@') || !File.Exists(program)) return (null, $"program {program}");
    if (sysroot != null && !Directory.Exists(sysroot)) return (null, $"--sysroot {sysroot}");
    string isa = arch;
    if (isa == "auto")
    {
        if (GuestElf.Detect(program).Isa is not { } detected) return (null, $"{program}'s ELF header");
        isa = detected;
    }
    // A host program runs natively: the full CLI's to do, with its checks.
    if (isa == GuestIsa.Host.Qemu || !PosixExec.CanExecute(program)) return (null, $"{program} is {isa} or not executable");
    if (WarmRun.Find(WarmRun.Key(arch, passthrough, sysroot, followExec, isa, program)) is not { } recorded)
        return (null, "no recorded launch, or one of its inputs changed");
    return ((recorded.Qemu, [.. recorded.Args, .. command]), "");
}
