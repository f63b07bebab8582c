// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>What a strategy's chooser may look at when planning one forwarded function.</summary>
/// <param name="SignatureOf">Number of a callback signature (new ones are added to the plan).</param>
/// <param name="OutOnly">Whether the function only writes a field of the struct a parameter points to (spec outOnlyFields).</param>
/// <param name="Chosen">The strategies earlier in the table that apply.</param>
public sealed record StrategyInput(FunctionDecl Decl, LibrarySpec Spec, HeaderModel Headers,
    Func<FunctionPointerType, int> SignatureOf, Func<ParamDecl, string, bool> OutOnly, IReadOnlyList<Strategy> Chosen)
{
    /// <summary>The chosen strategy of type <typeparamref name="T"/>, or null.</summary>
    public T? Get<T>() where T : Strategy => Chosen.OfType<T>().FirstOrDefault();
}

/// <summary>
/// Every marshalling strategy, in stage order: before the call the guest stub and the host thunk
/// run them top to bottom, after the call bottom to top, so errno is cleared last before the
/// host call and saved first after it, and a returned string is interned after everything else.
/// A chooser returns the strategy with what it needs for the function, or null where it does not apply.
/// </summary>
public static class StrategyTable
{
    /// <summary>The strategies in stage order; <see cref="HostObjectArgs"/> is attached once the host objects are known.</summary>
    public static readonly IReadOnlyList<(Type Type, Func<StrategyInput, Strategy?> Choose)> Entries =
    [
        (typeof(HostStringResultIf), HostStringResultIf.For),
        (typeof(HostStringResult), HostStringResult.For),
        (typeof(HostObjectArgs), _ => null),
        (typeof(HostStringFields), HostStringFields.For),
        (typeof(RoundingGuard), RoundingGuard.For),
        (typeof(NullDefaults), NullDefaults.For),
        (typeof(GuestArgs), GuestArgs.For),
        (typeof(CallbackParams), CallbackParams.For),
        (typeof(CallbackFields), CallbackFields.For),
        (typeof(CallbackCopies), CallbackCopies.For),
        (typeof(RetainedCallbacks), RetainedCallbacks.For),
        (typeof(DeferredCallbacks), DeferredCallbacks.For),
        (typeof(FastUnlessCallback), FastUnlessCallback.For),
        (typeof(HeapDefaults), HeapDefaults.For),
        (typeof(Tracks), Tracks.For),
        (typeof(GuestNaN), GuestNaN.For),
        (typeof(Errno), Errno.For),
        (typeof(HostCallee), HostCallee.For),
        (typeof(HostEquivalentFields), HostEquivalentFields.For),
        (typeof(HostHooks), HostHooks.For),
        (typeof(Raises), Raises.For),
    ];

    /// <summary>The strategies that apply to <paramref name="decl"/>, in stage order.</summary>
    public static IReadOnlyList<Strategy> Choose(FunctionDecl decl, LibrarySpec spec, HeaderModel headers,
        Func<FunctionPointerType, int> signatureOf, Func<ParamDecl, string, bool> outOnly)
    {
        var chosen = new List<Strategy>();
        foreach (var (_, choose) in Entries)
        {
            if (choose(new StrategyInput(decl, spec, headers, signatureOf, outOnly, chosen)) is Strategy s) chosen.Add(s);
        }
        return chosen;
    }

    /// <summary>Position of <paramref name="s"/> in the table.</summary>
    public static int Rank(Strategy s)
    {
        for (int i = 0; i < Entries.Count; i++)
        {
            if (Entries[i].Type == s.GetType()) return i;
        }
        throw new InvalidOperationException($"{s.GetType().Name} is not in the strategy table");
    }
}
