// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Annotations;

/// <summary>What the spec's annotations generate: per annotated function its guest definition (it
/// takes the place of a hand-written guest override), and the host functions they call.</summary>
public sealed record AnnotationCode(IReadOnlyDictionary<string, string> Guest, string Host)
{
    public static readonly AnnotationCode None = new(new Dictionary<string, string>(), "");
}
