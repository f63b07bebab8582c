// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>
/// The spec's fixedArgCalls: a variadic host function called with no variadic arguments
/// (OpenSSL's <c>ERR_set_error(lib, reason, NULL)</c>) is an ordinary call, so a guest override
/// can do the formatting itself and still reach the host function. They come first in the plan,
/// so overrides included later see their static definitions.
/// </summary>
public static class FixedForms
{
    /// <summary>One forwarded fixed form per listed function; problems are diagnostics.</summary>
    public static List<BoundaryFunction> Plan(LibrarySpec spec, HeaderModel headers, IReadOnlySet<string> hostExports, List<Diagnostic> diags)
    {
        var forms = new List<BoundaryFunction>();
        foreach (string name in spec.FixedArgCalls)
        {
            if (!headers.Functions.TryGetValue(name, out var decl) || !decl.IsVariadic || !hostExports.Contains(name))
            {
                diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid,
                    $"fixedArgCalls: {name} is not a variadic function the headers declare and the host exports"));
                continue;
            }
            if (decl.Params.Select(p => p.Type).Append(decl.Return).Any(t => t is VaListType or UnsupportedType or FunctionPointerType))
            {
                diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"fixedArgCalls: {name} has parameters a plain call cannot carry"));
                continue;
            }
            forms.Add(new BoundaryFunction(decl with { IsVariadic = false }, FunctionKind.Forwarded, null, forms.Count, [], FixedForm: true));
        }
        return forms;
    }
}
