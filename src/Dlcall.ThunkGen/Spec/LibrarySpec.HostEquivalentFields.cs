// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Spec;

/// <summary>The spec's <c>hostEquivalentFields</c>: Strategies/HostEquivalentFields.cs emits them.</summary>
public sealed partial record LibrarySpec
{
    /// <summary>Function → a field of the record it returns that points to a struct of callbacks the
    /// guest reads (libxml2's parser contexts: <c>"xmlNewParserCtxt": "sax"</c>). After the call the
    /// host functions there that are spec hostEquivalents become the stub's functions of the same
    /// names; handed back, the host thunks map them to the host's again (<c>dlcall__wrap</c>).</summary>
    public IReadOnlyDictionary<string, string> HostEquivalentFields { get; set; } = new Dictionary<string, string>();
}
