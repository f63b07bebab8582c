// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Spec;

namespace Dlcall.Cli;

/// <summary>
/// <c>dlcall run --allow/--deny</c>: the plugin's library policy (docs/Security.md, "Library
/// policy"), judged here too with the plugin's rule, so that <c>dlcall run</c> can judge each
/// library it would pass through by the host library's own name rather than by the name of the
/// thunk library that stands for it.
/// </summary>
/// <param name="Allow">Globs; when any, a library must match one.</param>
/// <param name="Deny">Globs; a match refuses, whatever the allow list says.</param>
internal sealed record LibraryPolicy(IReadOnlyList<string> Allow, IReadOnlyList<string> Deny)
{
    /// <summary>True when the user set any rule.</summary>
    public bool Active => Allow.Count + Deny.Count > 0;

    /// <summary>The rules from repeated options, each a ':'-separated list; or the reason they
    /// cannot be passed to QEMU.</summary>
    public static (LibraryPolicy? Policy, string Error) Parse(string[] allow, string[] deny)
    {
        var a = Split(allow);
        var d = Split(deny);
        string? bad = a.Concat(d).FirstOrDefault(p => p.Contains(','));
        if (bad != null) return (null, $"a pattern cannot contain ',' (QEMU splits plugin options there): '{bad}'");
        return (new LibraryPolicy(a, d), "");
    }

    /// <summary>Null when the plugin would load <paramref name="name"/>, else why not.</summary>
    public string? Refusal(string name)
    {
        string? deny = Deny.FirstOrDefault(p => Matches(p, name));
        if (deny != null) return $"refused by --deny '{deny}'";
        if (Allow.Count > 0 && !Allow.Any(p => Matches(p, name))) return "matched by no --allow pattern";
        return null;
    }

    /// <summary>The deny pattern that matches <paramref name="name"/>, or null.</summary>
    public string? DenyMatch(string name) => Deny.FirstOrDefault(p => Matches(p, name));

    /// <summary>The plugin options: the user's rules, plus an exact allow= for each of
    /// <paramref name="trusted"/> (dlcall's own runtime files) when there is an allow list.</summary>
    public IEnumerable<string> PluginOptions(IEnumerable<string> trusted) =>
        Allow.Concat(Allow.Count > 0 ? trusted : []).Select(p => "allow=" + p)
            .Concat(Deny.Select(p => "deny=" + p));

    // The plugin's rule (LoadPolicy.cs): a pattern with a '/' against the whole string, one
    // without against its last component; dlcall's one glob dialect (fnmatch, no flags).
    private static bool Matches(string pattern, string name) =>
        NamePatterns.MatchesOne(pattern, pattern.Contains('/') ? name : Path.GetFileName(name));

    private static List<string> Split(string[] options) =>
        options.SelectMany(o => o.Split(':', StringSplitOptions.RemoveEmptyEntries)).ToList();
}
