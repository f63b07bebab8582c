// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// Records the library keeps by pointer after the call returns (spec persistentRecords, e.g.
/// sqlite3_module): swapping their callbacks for the duration of the call is not enough, so the
/// host gets a copy with trampolines, made once per guest record and kept for the process's life
/// (the library may use it until it exits).
/// </summary>
internal static class PersistentRecordEmitter
{
    /// <summary>The persistent records the forwarded <paramref name="functions"/> pass, once each.</summary>
    public static List<CallbackFieldParam> Used(IEnumerable<BoundaryFunction> functions) =>
        functions.Where(f => f.Kind == FunctionKind.Forwarded).SelectMany(f => f.CallbackFieldParams)
            .Where(p => p.Persistent).GroupBy(p => p.Record.Tag).Select(g => g.First()).ToList();

    /// <summary>Name of the copying function for <paramref name="rec"/>.</summary>
    public static string FunctionName(RecordDecl rec) => "dlcall__persist_" + rec.Tag;

    // template: static struct sqlite3_module *dlcall__persist_sqlite3_module(const struct sqlite3_module *g)
    //           { look g up; else h = malloc copy; h->xCreate = dlcall__wrap(g->xCreate, 10, "..."); ...; return h; }
    public static void Emit(CWriter w, string library, CallbackFieldParam p)
    {
        var rec = p.Record;
        string t = rec.CName;
        w.Line($"/* {t}: kept by the library, so a lasting host copy; one per guest record. */");
        w.Function($"static {t} *{FunctionName(rec)}(const {t} *g)", () =>
        {
            w.Line("static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;");
            w.Line($"static struct {{ const {t} *guest; {t} *host; }} *seen;");
            w.Line("static size_t n;");
            w.Line($"{t} *h = NULL;");
            w.Line();
            w.Block("if (g == NULL)", () => w.Line("return NULL;"));
            w.Line("pthread_mutex_lock(&lock);");
            w.Block("for (size_t i = 0; i < n && h == NULL; i++)", () => w.Line("h = seen[i].guest == g ? seen[i].host : NULL;"));
            w.Block("if (h == NULL)", () =>
            {
                w.Line("void *grown = realloc(seen, (n + 1) * sizeof(*seen));");
                w.Line();
                w.Line("h = malloc(sizeof(*h));");
                w.Block("if (h == NULL || grown == NULL)", () =>
                {
                    w.Line($"fprintf(stderr, \"dlcall: {library}: out of memory copying a {t}\\n\");");
                    w.Line("abort();");
                });
                w.Line("seen = grown;");
                w.Line("*h = *g;");
                foreach (var cf in p.Fields)
                {
                    var type = rec.Fields.First(x => x.Name == cf.Field).Type.Spelling;
                    w.Line($"h->{cf.Field} = ({type})dlcall__wrap((void *)g->{cf.Field}, {cf.SignatureId}, \"{library}: {t}.{cf.Field}\");");
                }
                // Function pointers no signature can carry would be guest code called by the host.
                foreach (var f in rec.Fields.Where(f => IsFunctionPointer(f.Type) && p.Fields.All(cf => cf.Field != f.Name)))
                    w.Line($"h->{f.Name} = NULL; /* {f.Type.Spelling}: no callback strategy, left out */");
                w.Line("seen[n].guest = g;");
                w.Line("seen[n++].host = h;");
            });
            w.Line("pthread_mutex_unlock(&lock);");
            w.Line("return h;");
        });
    }

    private static bool IsFunctionPointer(CType t) =>
        t is FunctionPointerType || (t is UnsupportedType u && u.Spelling.Contains("(*", StringComparison.Ordinal));
}
