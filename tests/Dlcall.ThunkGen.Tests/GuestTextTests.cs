// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Annotations;
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;
using static Dlcall.ThunkGen.Tests.AnnotationTests;

namespace Dlcall.ThunkGen.Tests;

/// <summary>What replaced libcrypto's ERR_vset_error, ERR_add_error_vdata, ASN1_item_* and heap_host.c
/// overrides (issue 14): formatThenWrite for void functions (nullFormat, writeEmpty), vaStrings, guestArgs
/// and guestHeap.trailingArgs. (The generated C runs in the crypto and ssl differential tests.)</summary>
public class GuestTextTests
{
    private static readonly FunctionDecl[] Functions =
    [
        new("g_vset", T("void"), [P("lib", "int"), P("fmt", "const char *"), new("va", new VaListType("va_list"))], false, "g.h:1"),
        new("g_vadd", T("void"), [P("obj", "void *"), P("num", "int"), new("va", new VaListType("va_list"))], false, "g.h:2"),
        new("g_set_text", T("void"), [P("lib", "int"), P("text", "const char *"), P("len", "int")], false, "g.h:3"),
        new("g_add_text", T("void"), [P("obj", "void *"), P("text", "const char *"), P("len", "int")], false, "g.h:4"),
        new("g_decode", T("int"), [P("item", "const void *"), P("len", "long")], false, "g.h:5"),
    ];

    private static LibrarySpec Spec() => new()
    {
        Library = "g", Soname = "libg.so.1", Headers = ["g.h"], GuestPackage = "g",
        FormatThenWrite = new Dictionary<string, FormatThenWrite> { ["g_vset"] = new("g_set_text", NullFormat: true, WriteEmpty: true) },
        VaStrings = new Dictionary<string, VaStrings> { ["g_vadd"] = new("num", "g_add_text", "<NULL>", WriteEmpty: true) },
        GuestArgs = new Dictionary<string, string> { ["g_decode.item"] = "g_host_item(item)" },
    };

    private static (BoundaryPlan Plan, List<Diagnostic> Diags) Plan(LibrarySpec spec) => AnnotationTests.Plan(spec, Functions);

    [Fact]
    public void AVoidFunctionFormatsOnTheGuestAndANullFormatOrEmptyTextStillWrites()
    {
        var (plan, diags) = Plan(Spec());
        Assert.Empty(diags);
        string g = plan.Annotations.Guest["g_vset"];
        Assert.Contains("void (g_vset)(int lib, const char * fmt, va_list va)", g);
        // nullFormat: the write function says what a NULL format means, before any formatting.
        Assert.True(g.IndexOf("g_set_text(lib, NULL, 0);") < g.IndexOf("vsnprintf"));
        Assert.Contains("if (len < 0) {\n        return;\n    }", g); // void: no failure value needed
        Assert.Contains("\n    g_set_text(lib, text, len);", g); // writeEmpty: no "len > 0" test
        // Without the options an empty text writes nothing and a NULL format is the caller's problem.
        string plain = Plan(Spec() with { FormatThenWrite = new Dictionary<string, FormatThenWrite> { ["g_vset"] = new("g_set_text") } })
            .Plan.Annotations.Guest["g_vset"];
        Assert.DoesNotContain("NULL, 0", plain);
        Assert.Contains("if (len > 0) {\n        g_set_text(lib, text, len);", plain);
    }

    [Fact]
    public void AVaListOfStringsIsJoinedOnTheGuestWithByteLoads()
    {
        var (plan, _) = Plan(Spec());
        string g = plan.Annotations.Guest["g_vadd"];
        Assert.Contains("for (long i = 0; i < (long)num; i++)", g);
        Assert.Contains("len += dlcall_host_strlen(s != NULL ? s : \"<NULL>\");", g);
        Assert.Contains("dlcall_copy_from_host(text + len, s, n);", g);
        Assert.Contains("g_add_text(obj, text, (int)len);", g); // the count is no argument of the write
    }

    [Fact]
    public void MisappliedTextAnnotationsAreSpecErrors()
    {
        var spec = Spec() with
        {
            FormatThenWrite = new Dictionary<string, FormatThenWrite> { ["g_vset"] = new("g_set_text"), ["g_decode"] = new("g_set_text") },
            VaStrings = new Dictionary<string, VaStrings> { ["g_vadd"] = new("count", "g_add_text") },
            GuestArgs = new Dictionary<string, string> { ["g_decode.nothing"] = "x" },
        };
        var diags = Plan(spec).Diags.Where(d => d.Severity == Severity.Error).ToList();
        Assert.All(diags, d => Assert.Equal(DiagnosticCodes.SpecInvalid, d.Code));
        Assert.Contains(diags, d => d.Message.Contains("formatThenWrite: 'g_decode' does not end in (format, va_list)"));
        Assert.Contains(diags, d => d.Message.Contains("vaStrings: 'g_vadd' has no count parameter 'count'"));
        Assert.Contains(diags, d => d.Message.Contains("guestArgs: 'g_decode.nothing' is no parameter"));
        Assert.Equal(3, diags.Count);
    }

    [Fact]
    public void AGuestArgumentIsComputedByTheStubBeforeTheArgumentsArePacked()
    {
        var spec = Spec();
        var (plan, diags) = Plan(spec);
        Assert.Empty(diags);
        Assert.Equal(FunctionKind.Forwarded, plan.Functions.Single(f => f.Decl.Name == "g_decode").Kind);
        string stub = Emit.GuestStubEmitter.Emit(spec, plan, "/host", "aarch64-linux-gnu");
        int at = stub.IndexOf("int (g_decode)(");
        Assert.True(at >= 0);
        string body = stub[at..stub.IndexOf("\n}\n", at)];
        Assert.Contains("item = g_host_item(item);", body);
        Assert.True(body.IndexOf("item = g_host_item(item);") < body.IndexOf("struct dlcall_args_g_decode a = { .p0 = item"));
    }

    [Fact]
    public void TrailingAllocatorArgumentsGetHeapAdaptersTheInstallNames()
    {
        var heap = new GuestHeap("E", "g's memory", "g_set_mem(dlcall__heap_malloc, dlcall__heap_realloc, dlcall__heap_free)", "1",
            TrailingArgs: ["const char *", "int"]);
        string host = Plan(Spec() with { GuestHeap = heap }).Plan.Annotations.Host;
        Assert.Contains("static void *dlcall__heap_malloc(size_t n, const char * t0, int t1)", host);
        Assert.Contains("static void dlcall__heap_free(void *q, const char * t0, int t1)", host);
        Assert.Contains("static void *dlcall__heap_realloc(void *q, size_t n, const char * t0, int t1)", host);
        Assert.Contains("if (q != NULL && n == 0) {\n        dlcall_rt_heap_free(q);\n        return NULL;", host); // size 0 frees
        Assert.True(host.IndexOf("dlcall__heap_malloc(size_t") < host.IndexOf("dlcall__heap_install"));
        Assert.DoesNotContain("static void *dlcall__heap_malloc", Plan(Spec() with { GuestHeap = heap with { TrailingArgs = null } }).Plan.Annotations.Host);
    }
}
