// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// spec guestNaN: a NaN the host made from non-NaN arguments (sin(inf), sqrt(-1)) carries the
/// host's default NaN, which on x86 has the sign bit set; the guest's own libm would return its
/// ISA's default NaN. The stub recomputes it in guest code (0/0, emulated by QEMU with the
/// guest's rules) for the return value and for floating out-parameters (sincos, modf).
/// NaN arguments propagate the same way on every ISA, so those results are left alone.
/// </summary>
internal static class GuestNanEmitter
{
    /// <summary>True when <paramref name="f"/> has a floating result or out-parameter.</summary>
    public static bool Applies(FunctionDecl f) => IsFloat(f.Return) || Outs(f).Any();

    // template: static double dlcall__default_nan(void) { volatile double z = 0.0; return z / z; }
    //           static int dlcall__isnan(double d) { uint64_t b = bits of d; return (b << 1) > 0xffe0000000000000; }
    // The NaN tests are integer operations: a floating compare is a softfloat helper call under QEMU.
    public static void EmitHelpers(CWriter w)
    {
        w.Function("static double dlcall__default_nan(void)", () =>
        {
            w.Line("volatile double z = 0.0;");
            w.Line();
            w.Line("return z / z;");
        });
        w.Function("static float dlcall__default_nanf(void)", () =>
        {
            w.Line("volatile float z = 0.0f;");
            w.Line();
            w.Line("return z / z;");
        });
        w.Function("static inline int dlcall__isnan(double d)", () =>
        {
            w.Line("uint64_t b;");
            w.Line();
            w.Line("memcpy(&b, &d, sizeof(b));");
            w.Line("return (b << 1) > 0xffe0000000000000ull;");
        });
        w.Function("static inline int dlcall__isnanf(float f)", () =>
        {
            w.Line("uint32_t b;");
            w.Line();
            w.Line("memcpy(&b, &f, sizeof(b));");
            w.Line("return (b << 1) > 0xff000000u;");
        });
    }

    // template: if (__builtin_expect(dlcall__isnan(r), 0) && !(dlcall__isnan(x) || dlcall__isnan(y))) r = dlcall__default_nan();
    /// <summary>The fix-up of a floating return value (nothing for other returns).</summary>
    public static void EmitReturn(CWriter w, FunctionDecl f)
    {
        if (!ReturnApplies(f)) return;
        w.Block($"if (__builtin_expect({ReturnTest(f)}, 0){NoNanInput(f)})", () => w.Line($"r = {NanOf(f.Return)};"));
    }

    // template: if (p != NULL && __builtin_expect(dlcall__isnan(*p), 0) && !(...)) *p = dlcall__default_nan();
    /// <summary>The fix-ups of floating out-parameters.</summary>
    public static void EmitOuts(CWriter w, FunctionDecl f)
    {
        foreach (var (p, t) in Outs(f))
            w.Block($"if ({p.Name} != NULL && __builtin_expect({IsNan(t, "*" + p.Name)}, 0){NoNanInput(f)})", () => w.Line($"*{p.Name} = {NanOf(t)};"));
    }

    /// <summary>True when the function returns a float or double (the result is named r).</summary>
    public static bool ReturnApplies(FunctionDecl f) => IsFloat(f.Return);

    /// <summary>The integer test "r is a NaN", for one combined check of the rare cases.</summary>
    public static string ReturnTest(FunctionDecl f) => IsNan(f.Return, "r");

    private static string NoNanInput(FunctionDecl f)
    {
        var inputs = f.Params.Where(p => IsFloat(p.Type)).Select(p => IsNan(p.Type, p.Name)).ToList();
        return inputs.Count == 0 ? "" : " && !(" + string.Join(" || ", inputs) + ")";
    }

    private static string IsNan(CType t, string expr) => ((ScalarType)t).Size == 4 ? $"dlcall__isnanf({expr})" : $"dlcall__isnan({expr})";

    private static IEnumerable<(ParamDecl Param, CType Pointee)> Outs(FunctionDecl f) =>
        f.Params.Where(p => p.Type is PointerType { PointeeIsConst: false } pt && IsFloat(pt.Pointee))
            .Select(p => (p, ((PointerType)p.Type).Pointee));

    // Only float and double: long double never crosses (its layout differs between the ISAs).
    private static bool IsFloat(CType t) => t is ScalarType { IsFloat: true, Size: 4 or 8 };

    private static string NanOf(CType t) => ((ScalarType)t).Size == 4 ? "dlcall__default_nanf()" : "dlcall__default_nan()";
}
