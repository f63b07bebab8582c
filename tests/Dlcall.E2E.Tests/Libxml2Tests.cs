// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Differential tests of the libxml2 thunks (thunks/xml2) with Debian's arm64 xmllint, unmodified,
/// over the files of libxml2's own Debian source (tests/xml2/xmllint.sh; CI runs its --quick set):
/// parse and print, --noout, --format, --c14n, --stream, --valid, --xinclude, --nonet, --debug,
/// --memory, --xpath, --html, --schema, --relaxng, --schematron, fully emulated and with libxml2
/// passed through: the same stdout, stderr and exit code. These cover what the stub does beyond
/// forwarding: xmlFree as a guest function over the host's allocator (--memory and --c14n write
/// and free a buffer libxml2 allocated), xmllint's entity loader calling the host's default one
/// (every case), the host's error function standing for the guest's xmlGenericError (--schema,
/// --relaxng), FILE * output (--debug, --html's htmlDocDump, --xpath's output buffer).
/// </summary>
public class Libxml2Tests
{
    [Fact]
    public void XmllintOverLibxml2sOwnFilesGivesTheSameOutput()
    {
        var r = ProcessRunner.Run("bash", [Path.Combine(RepoPaths.Root, "tests", "xml2", "xmllint.sh"), "--quick"],
            TimeSpan.FromMinutes(30));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"\d+ cases, 0 differences", r.StdoutText);
    }

    /// <summary>Debian's python3-lxml (its etree module links libxml2.so.2) on tests/xml2/lxml_workload.py:
    /// a guest tree walked by field through lxml's proxies, XPath, serialization, HTML, and one case per
    /// bug lxml's own suite found passed through: the error log (xmlStructuredError), validation,
    /// a schema-validating parser (xmlSchemaSAXPlug), XSLT through the emulated libxslt (its XPath
    /// function lookup, xmlStrPrintf), iterparse and parser targets (the contexts' SAX2 handlers).</summary>
    [Fact]
    public void LxmlWorkloadGivesTheSameOutput()
    {
        string root = DebianProgram.Root("aarch64", "python3-lxml", "python3.11");
        string script = Path.Combine(RepoPaths.Root, "tests", "xml2", "lxml_workload.py");
        var emulated = DebianProgram.Run(root, "/usr/bin/python3", "none", [script]);
        var passed = DebianProgram.Run(root, "/usr/bin/python3", "xml2", [script]);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passed.ExitCode == 0, passed.ToString());
        foreach (string line in new[] { "3000 t 5 & é 2999 k3", "dtd: False", "relaxng: True False 1", "schema parser: b'<a>7</a>'",
                     "abab---", "iterparse: pi d", "html iterparse: end br", "target data x" })
            Assert.Contains(line, emulated.StdoutText);
        Assert.Equal(emulated.StdoutText, passed.StdoutText);
        Assert.Equal(emulated.StderrText, passed.StderrText);
    }

    /// <summary>lxml's own test suite (tests/xml2/lxml_suite.py; the full run is every module, by hand) for
    /// the modules that exercise what the stub does beyond forwarding: the same outcome per test case.</summary>
    [Fact]
    public void LxmlsOwnSuiteGivesTheSameOutcomes()
    {
        var r = ProcessRunner.Run("python3", [Path.Combine(RepoPaths.Root, "tests", "xml2", "lxml_suite.py"), "--passthrough", "xml2",
            "--modules", "test_errors,test_dtd,test_xmlschema,test_relaxng,test_xslt,test_sax,test_htmlparser,test_schematron,test_isoschematron,"
            // A reused feed parser (fromstringlist), file-like resolvers, encoders: the spec's stateRecords
            // and keepWrappedRecords (the passed-through run crashed in each before them).
            + "test_elementtree,test_etree,test_io,test_incremental_xmlfile"],
            TimeSpan.FromMinutes(30));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"[1-9]\d+ cases, 0 differences", r.StdoutText);
    }

    /// <summary>Spec dataSymbols: the stub exports libxml2's function pointers and tables as objects of
    /// the real library's size in the real version nodes, and every function version of it.</summary>
    [Fact]
    public void TheStubExportsTheRealLibrarysFunctionsAndDataSymbols()
    {
        string root = DebianProgram.Root("aarch64", "libxml2-utils", "libxml2");
        string real = Directory.GetFiles(Path.Combine(root, "usr", "lib"), "libxml2.so.2", SearchOption.AllDirectories).First();
        string stub = RepoPaths.Require("thunks", "aarch64", "lib", "libxml2.so.2");
        var (realFuncs, realData) = Exports(real);
        var (stubFuncs, stubData) = Exports(stub);
        Assert.True(realFuncs.Count > 1500, string.Join(", ", realFuncs.Take(20)));
        Assert.Equal(realFuncs, stubFuncs);
        foreach (string name in new[] { "xmlFree@@LIBXML2_2.4.30", "xmlMalloc@@LIBXML2_2.4.30", "xmlMallocAtomic@@LIBXML2_2.5.7",
                     "xmlRealloc@@LIBXML2_2.4.30", "xmlMemStrdup@@LIBXML2_2.4.30", "xmlIsBaseCharGroup@@LIBXML2_2.6.0",
                     "xmlIsPubidChar_tab@@LIBXML2_2.6.0", "xmlStringText@@LIBXML2_2.4.30", "xmlXPathNAN@@LIBXML2_2.4.30" })
        {
            Assert.True(realData.ContainsKey(name), $"the real library has no {name}");
            Assert.True(stubData.TryGetValue(name, out long size), $"the stub does not export {name}");
            Assert.Equal(realData[name], size);
        }
    }

    /// <summary>Defined functions ("name@@V") and defined objects with their sizes, from readelf.</summary>
    private static (SortedSet<string> Functions, Dictionary<string, long> Data) Exports(string library)
    {
        var r = ProcessRunner.Run("readelf", ["--dyn-syms", "-W", library]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var funcs = new SortedSet<string>(StringComparer.Ordinal);
        var data = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string line in r.StdoutText.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8 || f[4] != "GLOBAL" || f[6] == "UND" || f[6] == "ABS") continue;
            if (f[3] == "FUNC") funcs.Add(f[7]);
            else if (f[3] == "OBJECT") data[f[7]] = long.Parse(f[2]);
        }
        return (funcs, data);
    }
}
