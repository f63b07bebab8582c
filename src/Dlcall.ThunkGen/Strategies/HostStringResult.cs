// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec returnsHostString: the result points to a host string, which guest libc may read with
/// instructions QEMU refuses on host pages (aarch64 SVE): the guest gets an interned copy.
/// </summary>
public sealed record HostStringResult : Strategy
{
    // A name, or a glob that only picks functions returning const char * (a string the caller never frees).
    public static Strategy? For(StrategyInput i) =>
        i.Spec.ReturnsHostString.Contains(i.Decl.Name)
        || (i.Decl.Return is PointerType { PointeeIsConst: true, Pointee: ScalarType { Canonical: "char" } }
            && NamePatterns.Matches(i.Spec.ReturnsHostString.Where(p => p.Contains('*')), i.Decl.Name))
            ? new HostStringResult() : null;

    // template: r = (const char *)dlcall__intern(r);
    internal override void GuestAfterCall(StubContext c) => c.W.Line($"r = ({c.D.Return.Spelling})dlcall__intern(r);");

    // template: static const char *dlcall__intern(const char *host) -> a guest copy, one per distinct text
    /// <summary>The stub's interning of host strings, shared by every host-string strategy.</summary>
    internal static void EmitIntern(Emit.CWriter w)
    {
        w.Line("/*");
        w.Line(" * Strings the host library returns or stores live in host memory, which guest libc");
        w.Line(" * may read with instructions QEMU refuses there (aarch64 SVE): hand out guest copies,");
        w.Line(" * one per distinct text, kept for the life of the process like the originals.");
        w.Line(" */");
        w.Line("static pthread_mutex_t dlcall__intern_lock = PTHREAD_MUTEX_INITIALIZER;");
        w.Line("static char **dlcall__interned;");
        w.Line("static size_t dlcall__n_interned;");
        w.Line();
        w.Function("static const char *dlcall__intern(const char *host)", () =>
        {
            w.Line("char buf[1024];");
            w.Line("char *copy = NULL;");
            w.Line();
            w.Line("if (host == NULL) {").Line("    return NULL;").Line("}");
            w.Line("dlcall_copy_host_string(buf, host, sizeof(buf));");
            w.Line("pthread_mutex_lock(&dlcall__intern_lock);");
            w.Block("for (size_t i = 0; i < dlcall__n_interned && !copy; i++)", () =>
                w.Line("copy = strcmp(dlcall__interned[i], buf) == 0 ? dlcall__interned[i] : NULL;"));
            w.Block("if (!copy)", () =>
            {
                w.Line("char **grown = realloc(dlcall__interned, (dlcall__n_interned + 1) * sizeof(char *));");
                w.Block("if (grown && (copy = strdup(buf)))", () =>
                {
                    w.Line("dlcall__interned = grown;");
                    w.Line("dlcall__interned[dlcall__n_interned++] = copy;");
                });
            });
            w.Line("pthread_mutex_unlock(&dlcall__intern_lock);");
            w.Line("return copy ? copy : \"(dlcall: out of memory)\";");
        });
    }
}
