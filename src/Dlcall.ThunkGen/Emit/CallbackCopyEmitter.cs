// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// Structs of guest callbacks the library gets as host copies (<see cref="CallbackCopy"/>): the
/// host thunk library's copy cache and field-wrapping functions, shared by every function with
/// the <see cref="Strategies.CallbackCopies"/> strategy.
/// </summary>
internal static class CallbackCopyEmitter
{
    /// <summary>Name of the function that wraps <paramref name="r"/>'s callback fields in place.</summary>
    public static string WrapFields(RecordDecl r) => "dlcall__wrap_fields_" + r.Tag;

    /// <summary>The host copy cache and one field-wrapping function per struct (after dlcall__wrap).</summary>
    public static void HostSupport(CWriter w, LibrarySpec spec, IReadOnlyList<BoundaryFunction> functions)
    {
        var records = functions.SelectMany(f => f.Copies).GroupBy(c => c.Record.Tag).Select(g => g.First()).ToList();
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
        if (!functions.Any(f => f.Copies.Any(c => c.Kind != CallbackCopyKind.ByValue))) return;
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
}
