// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// Proxies for records the host hands out with host functions in them (spec hostObjectRecords):
/// the guest must never call a host address, so the guest gets a copy whose methods are guest
/// functions calling the host's through a thunk; a proxy passed back becomes the original again.
/// </summary>
internal static class HostObjectEmitter
{
    public static IEnumerable<HostMethod> Methods(BoundaryPlan plan) => plan.HostObjects.SelectMany(o => o.Methods);

    // template: struct dlcall_margs_sqlite3_vfs_xSleep { uint64_t fn; sqlite3_vfs * p0; int p1; };
    public static void ArgsStructs(CWriter w, BoundaryPlan plan)
    {
        foreach (var m in Methods(plan))
        {
            w.Block(m.ArgsStruct, () =>
            {
                w.Line("uint64_t fn;");
                for (int i = 0; i < m.Type.Parameters.Count; i++) w.Line(CDecl.Declare(m.Type.Parameters[i], $"p{i}") + ";");
            }, ";");
        }
        if (plan.HostObjects.Count > 0) w.Line();
    }

    // template: void dlcall_method_sqlite3_vfs_xSleep(void *args, void *ret) { struct ... *a = args; *(int *)ret = ((int (*)(sqlite3_vfs *, int))a->fn)(a->p0, a->p1); }
    public static void HostThunks(CWriter w, BoundaryPlan plan)
    {
        foreach (var m in Methods(plan))
        {
            w.Function($"void {m.ThunkName}(void *args, void *ret)", () =>
            {
                w.Line($"{m.ArgsStruct} *a = args;");
                w.Line();
                string call = $"(({CallbackEmitter.PointerType(m.Type)})(uintptr_t)a->fn)({string.Join(", ", m.Type.Parameters.Select((_, i) => $"a->p{i}"))})";
                if (m.Type.Return is VoidType) w.Line("(void)ret;").Line(call + ";");
                else w.Line($"*({m.Type.Return.Spelling} *)ret = {call};");
            });
        }
    }

    public static void GuestProxies(CWriter w, BoundaryPlan plan, bool deferredCallbacks)
    {
        foreach (var o in plan.HostObjects) EmitProxy(w, o, deferredCallbacks);
    }

    private static void EmitProxy(CWriter w, HostObject o, bool deferredCallbacks)
    {
        string t = o.Record.CName, tag = o.Record.Tag;
        w.Line($"/* {t} from the host: proxies (guest copies with guest methods), one per original, kept. */");
        w.Line($"static pthread_mutex_t dlcall__proxy_lock_{tag} = PTHREAD_MUTEX_INITIALIZER;");
        w.Line($"static struct {{ {t} *host; {t} *proxy; }} *dlcall__proxies_{tag};");
        w.Line($"static size_t dlcall__n_proxies_{tag};");
        w.Line();
        // template: static struct sqlite3_vfs *dlcall__host_sqlite3_vfs(const struct sqlite3_vfs *p) -> the original of a proxy, else p
        w.Function($"static {t} *{o.HostFunction}(const {t} *p)", () =>
        {
            w.Line($"{t} *h = ({t} *)p;");
            w.Line();
            w.Line($"pthread_mutex_lock(&dlcall__proxy_lock_{tag});");
            w.Block($"for (size_t i = 0; i < dlcall__n_proxies_{tag}; i++)", () =>
                w.Line($"h = dlcall__proxies_{tag}[i].proxy == p ? dlcall__proxies_{tag}[i].host : h;"));
            w.Line($"pthread_mutex_unlock(&dlcall__proxy_lock_{tag});");
            w.Line("return h;");
        });
        foreach (var m in o.Methods) EmitMethod(w, o, m, deferredCallbacks);
        // template: static struct sqlite3_vfs *dlcall__proxy_sqlite3_vfs(struct sqlite3_vfs *h) -> the proxy of h, made on first sight
        // Each hand-out refreshes the copy: the library may have changed its data fields (a list link).
        w.Function($"static {t} *{o.ProxyFunction}({t} *h)", () =>
        {
            w.Line($"{t} *p = NULL;");
            w.Line($"{t} now;");
            w.Line();
            w.Block("if (h == NULL)", () => w.Line("return NULL;"));
            w.Line("dlcall_copy_from_host(&now, h, sizeof(now));");
            foreach (var m in o.Methods) w.Line($"now.{m.Field} = now.{m.Field} != NULL ? {m.GuestFunction} : NULL;");
            foreach (string f in o.Dropped) w.Line($"now.{f} = NULL; /* no strategy for its type */");
            w.Line($"pthread_mutex_lock(&dlcall__proxy_lock_{tag});");
            w.Block($"for (size_t i = 0; i < dlcall__n_proxies_{tag} && p == NULL; i++)", () =>
                w.Line($"p = dlcall__proxies_{tag}[i].host == h ? dlcall__proxies_{tag}[i].proxy : NULL;"));
            w.Block("if (p == NULL)", () =>
            {
                w.Line($"void *grown = realloc(dlcall__proxies_{tag}, (dlcall__n_proxies_{tag} + 1) * sizeof(*dlcall__proxies_{tag}));");
                w.Line();
                w.Line("p = malloc(sizeof(*p));");
                w.Block("if (p == NULL || grown == NULL)", () =>
                {
                    w.Line($"fprintf(stderr, \"dlcall: out of memory for a proxy {t}\\n\");");
                    w.Line("abort();");
                });
                w.Line($"dlcall__proxies_{tag} = grown;");
                w.Line($"dlcall__proxies_{tag}[dlcall__n_proxies_{tag}].host = h;");
                w.Line($"dlcall__proxies_{tag}[dlcall__n_proxies_{tag}++].proxy = p;");
            });
            w.Line("*p = now;");
            w.Line($"pthread_mutex_unlock(&dlcall__proxy_lock_{tag});");
            w.Line("return p;");
        });
    }

    // template: static int dlcall__method_sqlite3_vfs_xSleep(sqlite3_vfs *a0, int a1)
    //           { h = original of a0; struct margs a = { h->xSleep, h, a1 }; int r; <call thunk>; return r; }
    private static void EmitMethod(CWriter w, HostObject o, HostMethod m, bool deferredCallbacks)
    {
        var ps = m.Type.Parameters;
        string sig = string.Join(", ", ps.Select((p, i) => CDecl.Declare(p, $"a{i}")));
        bool hasRet = m.Type.Return is not VoidType;
        w.Function(CDecl.Declare(m.Type.Return, $"{m.GuestFunction}({sig})").Insert(0, "static "), () =>
        {
            w.Line($"{o.Record.CName} *h = {o.HostFunction}(({o.Record.CName} *)a0);");
            string init = string.Join(", ", ps.Select((p, i) => i == 0 ? $".p0 = ({p.Spelling})h" : $".p{i} = a{i}"));
            w.Line($"{m.ArgsStruct} a = {{ .fn = (uint64_t)(uintptr_t)h->{m.Field}, {init} }};");
            if (hasRet) w.Line(CDecl.Declare(m.Type.Return, "r") + ";");
            string retPtr = hasRet ? "&r" : "NULL";
            if (deferredCallbacks)
            {
                w.Line("struct dlcall_frame frame = {");
                w.Line($"    .thunk = (uint64_t)(uintptr_t)dlcall__thunk[{m.ThunkIndex}],");
                w.Line("    .args = (uint64_t)(uintptr_t)&a,");
                w.Line($"    .ret = (uint64_t)(uintptr_t){retPtr},");
                w.Line("};");
                w.Line();
                w.Line("dlcall_call_host(&dlcall__rt, &frame);");
            }
            else
            {
                w.Line();
                w.Line($"dlcall_invoke_fast(dlcall__thunk[{m.ThunkIndex}], &a, {retPtr});");
            }
            if (hasRet) w.Line("return r;");
        });
    }
}
