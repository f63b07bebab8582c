// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// Structs of guest callbacks the library gets as host copies (<see cref="CallbackCopy"/>), and
/// the stub's per-call choice between the fast path and the callback path for functions whose
/// callbacks are known only from the arguments (a NULL allocator means none).
/// </summary>
internal static class CallbackCopyEmitter
{
    /// <summary>Name of the function that wraps <paramref name="r"/>'s callback fields in place.</summary>
    private static string WrapFields(RecordDecl r) => "dlcall__wrap_fields_" + r.Tag;

    // template: (allocator != NULL && (allocator->alloc != NULL || allocator->free != NULL))
    /// <summary>C condition: this call hands the host a guest callback (null when it never can).</summary>
    public static string? GuestCarries(BoundaryFunction f)
    {
        var terms = f.Copies.Select(c =>
        {
            string p = c.Param.Name;
            string Any(string s) => "(" + string.Join(" || ", c.Fields.Select(x => $"{s}{x.Field} != NULL")) + ")";
            return c.Kind switch
            {
                CallbackCopyKind.ByValue => Any(p + "."),
                CallbackCopyKind.ConstPointer => $"({p} != NULL && {Any(p + "->")})",
                _ => $"({p} != NULL && {p}->{c.Field!.Name} != NULL && {Any($"{p}->{c.Field.Name}->")})",
            };
        }).ToList();
        return terms.Count == 0 ? null : string.Join(" || ", terms);
    }

    // template: if (cb) { __atomic_store_n(&dlcall__retained, 1, __ATOMIC_RELAXED); }
    //           if (cb || __atomic_load_n(&dlcall__retained, __ATOMIC_RELAXED)) { dlcall_call_host(&dlcall__rt, &frame); } else { <fast> }
    public static void GuestPathChoice(CWriter w, LibrarySpec spec, BoundaryFunction f, string fastCall)
    {
        string? carries = GuestCarries(f);
        var conditions = new List<string>();
        if (carries != null)
        {
            w.Line($"int cb = {carries};");
            w.Line();
            if (spec.RetainsCallbacks.Count > 0)
                w.Block("if (cb)", () => w.Line("__atomic_store_n(&dlcall__retained, 1, __ATOMIC_RELAXED);"));
            conditions.Add("cb");
        }
        if (f.UsesRetainedCallbacks) conditions.Add("__atomic_load_n(&dlcall__retained, __ATOMIC_RELAXED)");
        w.Line($"if ({string.Join(" || ", conditions)}) {{");
        w.Line("    dlcall_call_host(&dlcall__rt, &frame);");
        w.Line("} else {");
        w.Line("    " + fastCall);
        w.Line("}");
    }

    // template: if (allocator == NULL) { allocator = &dlcall_lzma_guest_allocator; }
    public static void GuestNullDefaults(CWriter w, BoundaryFunction f)
    {
        foreach (var d in f.NullDefaults ?? [])
            w.Block($"if ({d.Param.Name} == NULL)", () => w.Line($"{d.Param.Name} = {d.Value};"));
    }

    /// <summary>The host copy cache and one field-wrapping function per struct (after dlcall__wrap).</summary>
    public static void HostSupport(CWriter w, LibrarySpec spec, BoundaryPlan plan)
    {
        var records = plan.Functions.SelectMany(f => f.Copies).GroupBy(c => c.Record.Tag).Select(g => g.First()).ToList();
        if (records.Count == 0) return;
        // template: static void dlcall__wrap_fields_lzma_allocator(void *p) { lzma_allocator *r = p; r->alloc = dlcall__wrap(...); }
        foreach (var c in records)
        {
            w.Function($"static void {WrapFields(c.Record)}(void *p)", () =>
            {
                w.Line($"{c.Record.CName} *r = p;");
                w.Line();
                foreach (var cf in c.Fields)
                {
                    string type = c.Record.Fields.First(x => x.Name == cf.Field).Type.Spelling;
                    w.Line($"r->{cf.Field} = ({type})dlcall__wrap((void *)r->{cf.Field}, {cf.SignatureId}, \"{spec.Library}: {c.Record.CName}.{cf.Field}\");");
                }
            });
        }
        if (!plan.Functions.Any(f => f.Copies.Any(c => c.Kind != CallbackCopyKind.ByValue))) return;
        w.Line("/*");
        w.Line(" * Guest structs of callbacks the library reads through a pointer (the guest's may be");
        w.Line(" * read-only): the library gets a host copy with trampolines, one per distinct content,");
        w.Line(" * kept for the life of the process because the library may keep the pointer.");
        w.Line(" */");
        w.Line("struct dlcall__copy {");
        w.Line("    struct dlcall__copy *next;");
        w.Line("    void (*wrap)(void *);");
        w.Line("    size_t size;");
        w.Line("    void *copy;");
        w.Line("    unsigned char orig[];");
        w.Line("};");
        w.Line("static struct dlcall__copy *dlcall__copies;");
        w.Line("static pthread_mutex_t dlcall__copies_lock = PTHREAD_MUTEX_INITIALIZER;");
        w.Line();
        // template: static void *dlcall__host_copy(const void *guest, size_t size, void (*wrap)(void *)) -> cached wrapped copy
        w.Function("static void *dlcall__host_copy(const void *guest, size_t size, void (*wrap)(void *))", () =>
        {
            w.Line("struct dlcall__copy *c;");
            w.Line();
            w.Line("pthread_mutex_lock(&dlcall__copies_lock);");
            w.Line("for (c = dlcall__copies; c != NULL; c = c->next) {");
            w.Line("    if (c->wrap == wrap && c->size == size && memcmp(c->orig, guest, size) == 0) {");
            w.Line("        break;");
            w.Line("    }");
            w.Line("}");
            w.Block("if (c == NULL)", () =>
            {
                w.Line("c = malloc(sizeof(*c) + size);");
                w.Block("if (c == NULL || (c->copy = malloc(size)) == NULL)", () =>
                {
                    w.Line($"fprintf(stderr, \"dlcall: {spec.Library}: out of memory for a copy of guest callbacks\\n\");");
                    w.Line("abort();");
                });
                w.Line("memcpy(c->orig, guest, size);");
                w.Line("memcpy(c->copy, guest, size);");
                w.Line("wrap(c->copy);");
                w.Line("c->wrap = wrap;");
                w.Line("c->size = size;");
                w.Line("c->next = dlcall__copies;");
                w.Line("dlcall__copies = c;");
            });
            w.Line("pthread_mutex_unlock(&dlcall__copies_lock);");
            w.Line("return c->copy;");
        });
    }

    // template: const lzma_allocator * s0 = a->p0 != NULL ? a->p0->allocator : NULL;
    public static void HostDeclarations(CWriter w, BoundaryFunction f)
    {
        for (int k = 0; k < f.Copies.Count; k++)
        {
            var c = f.Copies[k];
            if (c.Kind != CallbackCopyKind.PointerField) continue;
            string p = $"a->p{ArgsStructEmitter.IndexOf(f.Decl, c.Param)}";
            w.Line(CDecl.Declare(c.Field!.Type, $"s{k}") + $" = {p} != NULL ? {p}->{c.Field.Name} : NULL;");
        }
    }

    // template: dlcall__wrap_fields_ZSTD_customMem(&a->p0);  a->p1 = dlcall__host_copy(a->p1, sizeof(*a->p1), ...);
    public static void HostBefore(CWriter w, BoundaryFunction f)
    {
        for (int k = 0; k < f.Copies.Count; k++)
        {
            var c = f.Copies[k];
            string p = $"a->p{ArgsStructEmitter.IndexOf(f.Decl, c.Param)}";
            string wrap = WrapFields(c.Record);
            switch (c.Kind)
            {
                case CallbackCopyKind.ByValue:
                    w.Line($"{wrap}(&{p});");
                    break;
                case CallbackCopyKind.ConstPointer:
                    w.Block($"if ({p} != NULL)", () => w.Line($"{p} = dlcall__host_copy({p}, sizeof(*{p}), {wrap});"));
                    break;
                default:
                    w.Block($"if (s{k} != NULL)", () => w.Line($"{p}->{c.Field!.Name} = dlcall__host_copy(s{k}, sizeof(*s{k}), {wrap});"));
                    break;
            }
        }
    }

    // template: if (s0 != NULL) { a->p0->allocator = s0; }
    public static void HostAfter(CWriter w, BoundaryFunction f)
    {
        for (int k = 0; k < f.Copies.Count; k++)
        {
            var c = f.Copies[k];
            // A struct the call freed (NCONF_free) is no longer there to point back.
            if (c.Kind != CallbackCopyKind.PointerField || f.Frees(c.Param)) continue;
            string p = $"a->p{ArgsStructEmitter.IndexOf(f.Decl, c.Param)}";
            w.Block($"if (s{k} != NULL)", () => w.Line($"{p}->{c.Field!.Name} = s{k};"));
        }
    }
}
