// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// The stub's thunk list, and the host table that answers it in one copy. The stub resolves every
/// thunk address at load; asking the host library name by name (dlcall_thunk_lookup) cost libcrypto's
/// 5,154 thunks 0.8 ms of dlsym on every start-up. The host library generated with the stub holds the
/// same list as a table of local addresses, and hands it over when the stub's list hash matches; a
/// stub and a host library from different generations fall back to the lookup by name.
/// </summary>
internal static class ThunkTableEmitter
{
    /// <summary>Name of the host function that copies the table.</summary>
    public const string TableName = "dlcall_thunk_table";

    /// <summary>The thunks the stub calls, in its dlcall__thunk[] order (indices are baked into its functions).</summary>
    public static List<string> GuestOrder(BoundaryPlan plan) =>
        plan.Functions.Where(f => f.Kind == FunctionKind.Forwarded).Select(f => f.ThunkName)
            .Concat(HostObjectEmitter.Methods(plan).Select(m => m.ThunkName)).ToList();

    /// <summary>FNV-1a over the names, each ended by a NUL: what both sides compare.</summary>
    public static ulong Hash(IEnumerable<string> names)
    {
        ulong h = 14695981039346656037UL;
        foreach (string name in names)
            foreach (byte b in System.Text.Encoding.UTF8.GetBytes(name + "\0")) { h ^= b; h *= 1099511628211UL; }
        return h;
    }

    // template: static void (*const dlcall__table[N])(void *, void *) = { dlcall__local0, 0, ... };
    //           void dlcall_thunk_table(void *args, void *ret) { copy when a->hash == H && a->count == N }
    /// <summary>The host side, after every thunk it defines (<paramref name="defined"/>); a name it lacks is 0 in the table.</summary>
    public static void Host(CWriter w, BoundaryPlan plan, IReadOnlySet<string> defined)
    {
        var names = GuestOrder(plan);
        int n = names.Count;
        w.Line("/* The stub's thunk list as local addresses: hidden aliases, so the table costs relative");
        w.Line("   relocations at load instead of a symbol lookup each. */");
        for (int i = 0; i < n; i++)
            if (defined.Contains(names[i]))
                w.Line($"extern __typeof__({names[i]}) dlcall__local{i} __attribute__((alias(\"{names[i]}\"), visibility(\"hidden\")));");
        w.Line($"static void (*const dlcall__table[{Math.Max(n, 1)}])(void *, void *) = {{");
        for (int i = 0; i < n; i++) w.Line(defined.Contains(names[i]) ? $"    dlcall__local{i}," : "    0,");
        if (n == 0) w.Line("    0,");
        w.Line("};").Line();
        w.Function($"void {TableName}(void *args, void *ret)", () =>
        {
            w.Line("const struct { uint64_t hash; uint64_t count; uint64_t out; } *a = args;");
            w.Line("uint64_t *out = (uint64_t *)(uintptr_t)a->out;");
            w.Line();
            w.Line("*(uint64_t *)ret = 0;");
            w.Block($"if (a->hash != {Hash(names)}ULL || a->count != {n})", () => w.Line("return;"));
            w.Block($"for (uint64_t i = 0; i < {n}; i++)", () => w.Line("out[i] = (uint64_t)(uintptr_t)dlcall__table[i];"));
            w.Line("*(uint64_t *)ret = 1;");
        });
    }

    // template: uint64_t filled = 0; table = dlsym(lib, "dlcall_thunk_table"); if (table) invoke(table, {H, N, dlcall__thunk}, &filled);
    /// <summary>The stub's constructor: declares and sets <c>filled</c> (1 when the table answered).</summary>
    public static void Guest(CWriter w, BoundaryPlan plan)
    {
        var names = GuestOrder(plan);
        w.Line("uint64_t filled = 0;");
        w.Line($"dlcall_fn table = (dlcall_fn)dlcall_dlsym(lib, \"{TableName}\");");
        w.Line();
        w.Block("if (table != NULL)", () =>
        {
            w.Line($"struct {{ uint64_t hash; uint64_t count; uint64_t out; }} t = {{ {Hash(names)}ULL, {names.Count},");
            w.Line("    (uint64_t)(uintptr_t)dlcall__thunk };");
            w.Line();
            w.Line("dlcall_invoke(table, &t, &filled);");
        });
    }
}
