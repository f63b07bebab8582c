// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Differential tests of the libexpat thunks (thunks/expat) through Debian's arm64 python3.11,
/// whose pyexpat links libexpat.so.1: fully emulated and with libexpat passed through, the same
/// output. Handlers are set once and run by later XML_Parse calls, and pyexpat hands the parser
/// its own allocator (XML_ParserCreate_MM with PyObject_Malloc): both are guest callbacks the
/// host library keeps (spec retainsCallbacks). CPython's test_pyexpat, test_xml_etree,
/// test_minidom and test_sax run in CpythonSuiteTests.
/// </summary>
public class ExpatTests
{
    [Fact]
    public void EveryPyexpatHandlerSeesTheSameEventsPassedThrough()
    {
        string root = DebianProgram.Root("aarch64", "python3.11", "libexpat1");
        string script = Path.Combine(RepoPaths.Root, "tests", "xml", "expat_events.py");
        var emulated = Run(root, "none", [Path.Combine(root, "usr/bin/python3.11"), script]);
        var (passed, served) = RunWithStats(root, "expat", [Path.Combine(root, "usr/bin/python3.11"), script]);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passed.ExitCode == 0, passed.ToString());
        Assert.Contains("('EntityDeclHandler', ('inline', 0, 'inline é', None, None, None, None))", emulated.StdoutText);
        Assert.Contains("ExternalEntityRefHandler", emulated.StdoutText);
        Assert.Equal(emulated.StdoutText, passed.StdoutText);
        Assert.Equal(emulated.StderrText, passed.StderrText);
        Assert.Contains("libdlcall_thunk_expat.so", served);
    }

    [Fact]
    public void ElementTreeParsesAndWritesTheSameDocument()
    {
        string root = DebianProgram.Root("aarch64", "python3.11", "libexpat1");
        const string script = """
            import xml.etree.ElementTree as ET
            doc = "<r>" + "".join(f"<e i='{i}' t='&lt;{i}&gt;'>text {i} &amp; é</e>" for i in range(3000)) + "</r>"
            t = ET.fromstring(doc)
            print(len(t), t[2999].get("t"), t[5].text, sum(int(e.get("i")) for e in t.iter("e")))
            p = ET.XMLPullParser(["start", "end", "start-ns"])
            p.feed("<a xmlns:x='urn:x'><x:b/>"); p.feed("</a>")
            print([(ev, el if isinstance(el, tuple) else el.tag) for ev, el in p.read_events()])
            print(len(ET.tostring(t)), ET.tostring(t)[:60])
            try:
                ET.fromstring("<a><b></a>")
            except ET.ParseError as e:
                print("ParseError", e.code, e.position)
            """;
        var emulated = Run(root, "none", [Path.Combine(root, "usr/bin/python3.11"), "-c", script]);
        var (passed, served) = RunWithStats(root, "expat", [Path.Combine(root, "usr/bin/python3.11"), "-c", script]);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.StartsWith("3000 <2999> text 5 & é 4498500\n", emulated.StdoutText);
        Assert.Equal(emulated.StdoutText, passed.StdoutText);
        Assert.Contains("libdlcall_thunk_expat.so", served);
    }

    [Fact]
    public void Riscv64Python313ParsesTheSameWithTheHostsOlderExpat()
    {
        // Debian 13's expat is 2.9.0, the host's 2.5.0-1+deb12u5; python3.13 imports 52 expat
        // functions, all of which the host's has (its security updates backport
        // XML_SetReparseDeferralEnabled and the allocation tracker), so dlcall run passes it through.
        string root = DebianProgram.Root("riscv64", "python3", "libexpat1");
        string python = Path.Combine(root, "usr/bin/python3");
        const string script = """
            import xml.etree.ElementTree as ET, xml.dom.minidom as M
            t = ET.fromstring("<r>" + "".join(f"<e i='{i}'>&lt;{i}&gt;</e>" for i in range(500)) + "</r>")
            print(len(t), t[499].text, M.parseString("<a x='1'><b/>t</a>").documentElement.toxml())
            """;
        var emulated = Run(root, "none", [python, "-c", script]);
        var (passed, served) = RunWithStats(root, "expat", [python, "-c", script]);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.Equal("500 <499> <a x=\"1\"><b/>t</a>\n", emulated.StdoutText);
        Assert.Equal(emulated.StdoutText, passed.StdoutText);
        Assert.Contains("libdlcall_thunk_expat.so", served);
    }

    private static ProcessResult Run(string root, string passthrough, string[] command) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--passthrough", passthrough, "--sysroot", root, "--", .. command], TimeSpan.FromMinutes(10));

    /// <summary>A passed-through run and its --stats-file report (which host libraries served it).</summary>
    internal static (ProcessResult Result, string Stats) RunWithStats(string root, string passthrough, string[] command)
    {
        string stats = Path.Combine(Path.GetTempPath(), $"dlcall-{passthrough}-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        var r = ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--passthrough", passthrough, "--sysroot", root, "--stats-file", stats, "--", .. command], TimeSpan.FromMinutes(10));
        string served = File.Exists(stats) ? File.ReadAllText(stats) : "";
        File.Delete(stats);
        return (r, served);
    }
}
