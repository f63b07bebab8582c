// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Spec
{
    public sealed partial record LibrarySpec
    {
        /// <summary>Data symbols of the guest library (names or globs) that the stub defines itself, in its
        /// stubSources, and exports at the real library's version nodes (libxml2's xmlFree, a function
        /// pointer programs call: the stub's copy holds a guest function forwarding to the host).</summary>
        public IReadOnlyList<string> DataSymbols { get; set; } = [];
    }
}

namespace Dlcall.ThunkGen.Annotations
{
    /// <summary>
    /// Spec dataSymbols: the guest library's exported objects the stub defines in C of its own.
    /// The generator exports them in their version nodes and checks at compile time that each has
    /// the guest library's size (a copy relocation in a program copies st_size bytes), so a wrong
    /// type is a compiler error, not a program reading past the object.
    /// </summary>
    internal static class DataSymbols
    {
        /// <summary>The guest library's data exports the spec names, and an error per pattern naming no
        /// data export and per name the stub would define without a definition being possible.</summary>
        public static (IReadOnlyList<ElfSymbol> Symbols, List<Diagnostic> Diagnostics) Select(LibrarySpec spec, IReadOnlyList<ElfSymbol> exported)
        {
            var diags = new List<Diagnostic>();
            var data = exported.Where(s => !s.IsFunction && s.Size > 0).ToList();
            foreach (string p in spec.DataSymbols.Where(p => !exported.Any(s => !s.IsFunction && NamePatterns.MatchesOne(p, s.Name))))
                diags.Add(new(Severity.Warning, DiagnosticCodes.SpecInvalid, $"dataSymbols: '{p}' names no data symbol of the guest library"));
            if (spec.DataSymbols.Count > 0 && spec.StubSources.Count == 0)
                diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, "dataSymbols: the stub defines them in its stubSources, and the spec has none"));
            return (data.Where(s => NamePatterns.Matches(spec.DataSymbols, s.Name)).ToList(), diags);
        }

        // template: _Static_assert(sizeof(xmlFree) == 8, "dataSymbols: xmlFree is 8 bytes in the guest library");
        /// <summary>After the stub sources: each definition's size is the guest library's.</summary>
        public static void EmitChecks(CWriter w, IReadOnlyList<ElfSymbol> symbols)
        {
            if (symbols.Count == 0) return;
            w.Line("/* Spec dataSymbols: defined by the stub sources above, each the size of the guest library's. */");
            foreach (var s in symbols)
                w.Line($"_Static_assert(sizeof({s.Name}) == {s.Size}, \"dataSymbols: {s.Name} is {s.Size} bytes in the guest library\");");
            w.Line();
        }
    }
}
