// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Annotations;

/// <summary>What the spec's annotations generate: per annotated function its guest definition (it
/// takes the place of a hand-written guest override), the guest helpers they share (before them in the
/// stub; empty when no annotation needs one), the host functions they call, and the guestCalls helpers
/// (before the spec's own C, which calls them).</summary>
public sealed record AnnotationCode(IReadOnlyDictionary<string, string> Guest, string Host, string GuestShared = "", string GuestCalls = "")
{
    public static readonly AnnotationCode None = new(new Dictionary<string, string>(), "");
}
