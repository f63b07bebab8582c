// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Annotations;
using Dlcall.ThunkGen.Clang;
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Tests;

/// <summary>The spec's annotations (issue 14): each generates the guest definition a hand-written
/// override used to give; a misspelt or misapplied entry is DLC001. (The generated C is compiled and
/// run by the zlib, crypto and sqlite3 differential tests.)</summary>
public class AnnotationTests
{
    internal static CType T(string s) => TypeSpellingParser.Parse(s, s);

    internal static ParamDecl P(string name, string type) => new(name, T(type));

    private static readonly FunctionDecl[] Functions =
    [
        new("f_printf", T("int"), [P("obj", "void *"), P("fmt", "const char *")], true, "f.h:1"),
        new("f_vprintf", T("int"), [P("obj", "void *"), P("fmt", "const char *"), new("va", new VaListType("va_list"))], false, "f.h:2"),
        new("f_write", T("int"), [P("obj", "void *"), P("buf", "const void *"), P("len", "int")], false, "f.h:3"),
        new("f_dump_fp", T("int"), [P("fp", "FILE *"), P("what", "int")], false, "f.h:4"),
        new("f_dump", T("int"), [P("obj", "void *"), P("what", "int")], false, "f.h:5"),
        new("f_config", T("int"), [P("db", "void *"), P("op", "int")], true, "f.h:6"),
    ];

    private static readonly HeaderModel Headers = new(Functions.ToDictionary(f => f.Name), new Dictionary<string, RecordDecl>(), new Dictionary<string, string>());

    private static LibrarySpec Spec() => new()
    {
        Library = "f", Soname = "libf.so.1", Headers = ["f.h"], GuestPackage = "f",
        VaListTwins = new Dictionary<string, string> { ["f_printf"] = "f_vprintf" },
        FormatThenWrite = new Dictionary<string, FormatThenWrite> { ["f_vprintf"] = new("f_write", "-1") },
        FileObject = new FileObject("f_open_fp({file})", "f_close"),
        FileThrough = new Dictionary<string, FileThrough> { ["f_dump_fp"] = new("f_dump", "-2") },
        OpCodeVariadics = new Dictionary<string, OpCodeVariadic>
        {
            ["f_config"] = new(new Dictionary<string, IReadOnlyList<string>> { ["int, double"] = ["F_A", "F_B"], ["void (*)(int, int)"] = ["F_C"] },
                new Dictionary<string, IReadOnlyList<string>> { ["it takes a guest allocator"] = ["F_MALLOC"] }),
        },
    };

    private static (BoundaryPlan Plan, List<Diagnostic> Diags) Plan(LibrarySpec spec) => Plan(spec, Functions);

    /// <summary>The plan of <paramref name="functions"/>, each exported by the guest and the host library.</summary>
    internal static (BoundaryPlan Plan, List<Diagnostic> Diags) Plan(LibrarySpec spec, FunctionDecl[] functions)
    {
        var lib = new ElfLibraryInfo(functions.Select(f => new ElfSymbol(f.Name, null, true, true)).ToList(), []);
        return BoundaryPlanner.Plan(spec, "/spec", new HeaderModel(functions.ToDictionary(f => f.Name),
            new Dictionary<string, RecordDecl>(), new Dictionary<string, string>()), lib, lib);
    }

    [Fact]
    public void AnnotatedFunctionsBecomeGeneratedGuestDefinitions()
    {
        var (plan, diags) = Plan(Spec());
        Assert.Empty(diags);
        foreach (string name in new[] { "f_printf", "f_vprintf", "f_dump_fp", "f_config" })
        {
            var f = plan.Functions.Single(x => x.Decl.Name == name);
            Assert.Equal(FunctionKind.GuestOverride, f.Kind);
            Assert.Null(f.Override);
        }
        var g = plan.Annotations.Guest;
        Assert.Contains("va_start(ap, fmt);", g["f_printf"]);
        Assert.Contains("r = f_vprintf(obj, fmt, ap);", g["f_printf"]);
        Assert.Contains("ret = len == 0 ? 0 : f_write(obj, text, len);", g["f_vprintf"]);
        Assert.Contains("return -1;", g["f_vprintf"]);
        Assert.Contains("o = f_open_fp(fp);", g["f_dump_fp"]);
        Assert.Contains("r = f_dump(o, what);", g["f_dump_fp"]);
        Assert.Contains("return -2;", g["f_dump_fp"]);
        Assert.Contains("f_close(o);", g["f_dump_fp"]);
    }

    [Fact]
    public void AnOperationTableReadsEachOperationsArgumentsByTypeAndTheHostCastsThemBack()
    {
        var (plan, _) = Plan(Spec());
        string guest = plan.Annotations.Guest["f_config"], host = plan.Annotations.Host;
        Assert.Contains("a.v[0] = (uint64_t)(int64_t)va_arg(ap, int);", guest);
        Assert.Contains("a.v[1] = dlcall__op_d2b(va_arg(ap, double));", guest); // a double is no integer slot
        Assert.Contains("a.v[0] = (uint64_t)(uintptr_t)va_arg(ap, void (*)(int, int));", guest); // commas inside parentheses
        Assert.Contains("f_config(%d) is not available through dlcall (it takes a guest allocator)", guest);
        Assert.Contains("dlcall_call_host(&dlcall__rt, &frame);", guest);
        Assert.Contains("void dlcall_opcode_f_config(void *args, void *ret)", host);
        Assert.Contains("*(int *)ret = f_config(db, op, (int)(int64_t)a->v[0], dlcall__op_b2d(a->v[1]));", host);
        Assert.Contains("*(int *)ret = f_config(db, op);", host); // unknown operations: no arguments
    }

    [Fact]
    public void APrintingFunctionPrintsToAHostMemoryStreamTheGuestWritesToItsFile()
    {
        var spec = Spec() with
        {
            FileThrough = new Dictionary<string, FileThrough>(),
            FileToMemory = new Dictionary<string, FileToMemory> { ["f_dump_fp"] = new("stdout") },
        };
        var (plan, diags) = Plan(spec);
        Assert.Empty(diags);
        string guest = plan.Annotations.Guest["f_dump_fp"], host = plan.Annotations.Host;
        Assert.Contains("struct dlcall__memfile d = { { (uint64_t)(what) } };", guest);
        Assert.Contains("fp = fp != NULL ? fp : stdout;", guest); // nullFile
        Assert.Contains("return (int)dlcall__memfile(\"dlcall__memfile_f_dump_fp\", &fn, fp, &d);", guest);
        Assert.Contains("fwrite(chunk, 1, n, f)", plan.Annotations.GuestShared); // the guest writes its FILE
        Assert.Contains("FILE *f = open_memstream(&d->text, &d->len);", host);
        Assert.Contains("d->ret = (int64_t)f_dump_fp(f, (int)(d->a[0]));", host);
        Assert.Contains("void dlcall__memfile_free(void *args, void *ret)", host);
        // Without nullFile, a NULL FILE is refused before any call; without the annotation nothing is shared.
        var plain = Plan(spec with { FileToMemory = new Dictionary<string, FileToMemory> { ["f_dump_fp"] = new() } }).Plan;
        Assert.Contains("if (fp == NULL)", plain.Annotations.Guest["f_dump_fp"]);
        Assert.Equal("", Plan(spec with { FileToMemory = new Dictionary<string, FileToMemory>() }).Plan.Annotations.GuestShared);
        var bad = Plan(spec with { FileToMemory = new Dictionary<string, FileToMemory> { ["f_dump"] = new() } }).Diags;
        Assert.Contains(bad, d => d.Code == DiagnosticCodes.SpecInvalid && d.Message.Contains("'f_dump' has no FILE * parameter"));
    }

    [Fact]
    public void AGuestAnswerSetsTheOutParametersAndReturnsWithoutAHostCall()
    {
        var spec = Spec() with
        {
            GuestAnswers = new Dictionary<string, GuestAnswer>
            {
                ["f_dump"] = new("-1"),
                ["f_write"] = new("0", new Dictionary<string, string> { ["buf"] = "f_guest_buffer" }),
            },
        };
        var (plan, diags) = Plan(spec);
        Assert.Empty(diags);
        string dump = plan.Annotations.Guest["f_dump"], write = plan.Annotations.Guest["f_write"];
        Assert.Contains("(void)obj;", dump);
        Assert.Contains("return -1;", dump);
        Assert.DoesNotContain("dlcall_invoke", dump);
        Assert.Contains("if (buf != NULL) {", write);
        Assert.Contains("*buf = f_guest_buffer;", write);
        Assert.DoesNotContain("(void)buf;", write);
        Assert.Contains("return 0;", write);
        var bad = Plan(spec with { GuestAnswers = new Dictionary<string, GuestAnswer> { ["f_dump"] = new("0", new Dictionary<string, string> { ["what"] = "1" }) } }).Diags;
        Assert.Contains(bad, d => d.Code == DiagnosticCodes.SpecInvalid && d.Message.Contains("'f_dump' has no pointer parameter 'what'"));
    }

    [Fact]
    public void AGuestHeapIsReservedAtLoadAndInstalledOnTheHostBeforeGuestInit()
    {
        var spec = Spec() with { GuestHeap = new GuestHeap("DLCALL_F_HEAP_MIB", "f's memory", "f_set_allocator(dlcall_rt_heap_alloc)", "1"), GuestInit = "/spec/init.c" };
        var (plan, diags) = Plan(spec);
        Assert.Empty(diags);
        string host = plan.Annotations.Host, guest = Emit.GuestStubEmitter.Emit(spec, plan, "/host", "aarch64-linux-gnu");
        Assert.Contains("void dlcall__heap_install(void *args, void *ret)", host);
        Assert.Contains("dlcall_rt_heap_add(a[0], a[1]);", host);
        Assert.Contains("*(int64_t *)ret = (int64_t)(f_set_allocator(dlcall_rt_heap_alloc));", host);
        Assert.Contains("getenv(\"DLCALL_F_HEAP_MIB\")", guest);
        Assert.Contains("MAP_NORESERVE", guest);
        Assert.Contains("cannot reserve %llu MiB for f's memory", guest);
        Assert.Contains("if (rc != (int64_t)(1))", guest);
        // The region exists before the spec's own start code runs.
        Assert.True(guest.IndexOf("dlcall__guest_heap(lib, path);") < guest.IndexOf("dlcall_guest_init();"));
        // Without install the host only adds the region.
        Assert.Contains("*(int64_t *)ret = (int64_t)(0);", Plan(spec with { GuestHeap = new GuestHeap("E", "w") }).Plan.Annotations.Host);
        Assert.DoesNotContain("dlcall__heap_install", Plan(Spec()).Plan.Annotations.Host);
    }

    [Fact]
    public void ARequiredLibraryMustBeLoadedFromTheStubsOwnDirectory()
    {
        var spec = Spec() with { Library = "f", Requires = ["g"], RequiredSonames = ["libg.so.3"] };
        var (plan, _) = Plan(spec);
        string guest = Emit.GuestStubEmitter.Emit(spec, plan, "/host", "aarch64-linux-gnu");
        Assert.Contains("static const char *const need[] = { \"libg.so.3\" };", guest);
        Assert.Contains("h = dlopen(path, RTLD_NOW | RTLD_NOLOAD);", guest);
        Assert.Contains("libf.so.1 passes through only with libg.so.3 \"", guest);
        Assert.Contains("(--passthrough g,f)", guest);
        Assert.DoesNotContain("dlcall__requires", Emit.GuestStubEmitter.Emit(Spec(), Plan(Spec()).Plan, "/host", "aarch64-linux-gnu"));
    }

    [Fact]
    public void AGuestEnvCallSetsTheGuestsValuesOnTheHostForTheCall()
    {
        var spec = Spec() with { GuestEnv = new Dictionary<string, IReadOnlyList<string>> { ["f_dump"] = ["F_HOME", "F_DIR"] } };
        var (plan, diags) = Plan(spec);
        Assert.Empty(diags);
        string guest = plan.Annotations.Guest["f_dump"], host = plan.Annotations.Host;
        Assert.Contains("uint64_t a[4] = { (uint64_t)(uintptr_t)(obj), (uint64_t)(what), (uint64_t)(uintptr_t)getenv(\"F_HOME\"), (uint64_t)(uintptr_t)getenv(\"F_DIR\") };", guest);
        Assert.Contains("fn = dlcall__host_fn(\"dlcall__env_f_dump\");", guest);
        Assert.Contains("dlcall_call_host(&dlcall__rt, &frame);", guest);
        Assert.Contains("void dlcall__env_f_dump(void *args, void *ret)", host);
        Assert.Contains("pthread_mutex_lock(&dlcall__env_lock);", host);
        Assert.Contains("old[1] = dlcall__env_swap(\"F_DIR\", (const char *)(uintptr_t)a[3]);", host);
        Assert.Contains("free(dlcall__env_swap(\"F_HOME\", old[0]));", host);
        Assert.True(AnnotationEmitter.NeedsHostLookup(spec));
        var bad = Plan(spec with { VaListTwins = new Dictionary<string, string>(), GuestEnv = new Dictionary<string, IReadOnlyList<string>> { ["f_printf"] = ["X"] } }).Diags;
        Assert.Contains(bad, d => d.Code == DiagnosticCodes.SpecInvalid && d.Message.Contains("guestEnv: 'f_printf' is variadic"));
    }

    [Fact]
    public void AGuestCallIsATypedHelperPackedOnTheGuestAndUnpackedOnTheHost()
    {
        var spec = Spec() with
        {
            GuestCalls = new Dictionary<string, GuestCall>
            {
                ["dlcall_f_alloc"] = new("f_alloc", "void *", ["size_t"], Fast: true),
                ["dlcall_f_log"] = new("f_log(p0, \"%s\", p1)", "void", ["int", "const char *"]),
                ["f_badname"] = new("f", "void", []),
                ["dlcall_f_float"] = new("f", "double", []),
            },
        };
        var (plan, diags) = Plan(spec);
        string guest = plan.Annotations.GuestCalls, host = plan.Annotations.Host;
        Assert.Contains("static __attribute__((unused)) void * dlcall_f_alloc(size_t p0)", guest);
        Assert.Contains("uint64_t a[1] = { (uint64_t)(uintptr_t)p0 };", guest);
        Assert.Contains("dlcall_invoke_fast(fn, a, &r);", guest);
        Assert.Contains("static __attribute__((unused)) void dlcall_f_log(int p0, const char * p1)", guest);
        Assert.Contains("dlcall_call_host(&dlcall__rt, &frame);", guest); // not fast: the callback path
        Assert.Contains("void dlcall_f_alloc(void *args, void *ret)", host);
        Assert.Contains("size_t p0 = (size_t)(uintptr_t)a[0];", host);
        Assert.Contains("*(void * *)ret = f_alloc(p0);", host);
        Assert.Contains("f_log(p0, \"%s\", p1);", host);
        Assert.True(AnnotationEmitter.NeedsHostLookup(spec));
        Assert.Contains(diags, d => d.Code == DiagnosticCodes.SpecInvalid && d.Message.Contains("'f_badname' is not named dlcall_*"));
        Assert.Contains(diags, d => d.Code == DiagnosticCodes.SpecInvalid && d.Message.Contains("'dlcall_f_float' has a type no 64-bit slot carries ('double')"));
    }

    [Fact]
    public void MisappliedAnnotationsAreSpecErrors()
    {
        var spec = Spec() with
        {
            VaListTwins = new Dictionary<string, string> { ["f_write"] = "f_vprintf", ["f_nothere"] = "x" },
            FormatThenWrite = new Dictionary<string, FormatThenWrite> { ["f_dump"] = new("f_write", "-1") },
            FileThrough = new Dictionary<string, FileThrough> { ["f_dump_fp"] = new("f_dump") },
            OpCodeVariadics = new Dictionary<string, OpCodeVariadic>(),
        };
        var diags = Plan(spec).Diags.Where(d => d.Severity == Severity.Error).ToList();
        Assert.Equal(4, diags.Count);
        Assert.All(diags, d => Assert.Equal(DiagnosticCodes.SpecInvalid, d.Code));
        Assert.Contains(diags, d => d.Message.Contains("'f_write' is no variadic function"));
        Assert.Contains(diags, d => d.Message.Contains("declare no function 'f_nothere'"));
        Assert.Contains(diags, d => d.Message.Contains("'f_dump' does not end in (format, va_list)"));
        Assert.Contains(diags, d => d.Message.Contains("give its failure value"));
    }

    [Fact]
    public void RunInGuestLibraryJumpsToTheRealGuestFunctionEvenWhenTheHostHasIt()
    {
        var spec = Spec() with { RunInGuestLibrary = ["f_vprintf", "f_newer", "f_not_in_this_guest"] };
        var guest = new ElfLibraryInfo(Functions.Select(f => f.Name).Append("f_newer").Select(n => new ElfSymbol(n, null, true, true)).ToList(), []);
        var host = new ElfLibraryInfo(Functions.Select(f => new ElfSymbol(f.Name, null, true, true)).ToList(), []);
        var (plan, diags) = BoundaryPlanner.Plan(spec with { FormatThenWrite = new Dictionary<string, FormatThenWrite>() }, "/spec", Headers, guest, host);
        Assert.Empty(diags);
        // Declared and on the host, or newer than the host's headers (a jump needs no prototype).
        Assert.Equal(FunctionKind.GuestFallback, plan.Functions.Single(f => f.Decl.Name == "f_vprintf").Kind);
        Assert.Equal(FunctionKind.GuestFallback, plan.Functions.Single(f => f.Decl.Name == "f_newer").Kind);
        Assert.DoesNotContain(plan.Functions, f => f.Decl.Name == "f_not_in_this_guest");
        Assert.DoesNotContain(plan.HostFunctions, f => f.Decl.Name == "f_vprintf" && f.Kind == FunctionKind.Forwarded);
        Assert.Equal(FunctionKind.GuestOverride, plan.Functions.Single(f => f.Decl.Name == "f_printf").Kind); // its twin is the jump
    }
}
