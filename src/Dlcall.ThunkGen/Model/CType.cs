// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Model;

/// <summary>
/// A C type as the generator needs it: its shape, and how to spell it in generated C
/// (<see cref="Spelling"/>, the header's own spelling, so typedef names survive).
/// </summary>
public abstract record CType(string Spelling);

/// <summary>void (only as a return type or pointee).</summary>
public sealed record VoidType(string Spelling) : CType(Spelling);

/// <summary>An integer, enum or floating-point scalar.</summary>
/// <param name="Canonical">The builtin name, e.g. "unsigned long".</param>
/// <param name="Size">Bytes on an LP64 target.</param>
/// <param name="IsFloat">float or double.</param>
public sealed record ScalarType(string Spelling, string Canonical, int Size, bool IsFloat) : CType(Spelling);

/// <summary>A pointer to data (anything but a function).</summary>
public sealed record PointerType(string Spelling, CType Pointee, bool PointeeIsConst) : CType(Spelling);

/// <summary>A pointer to a function: crossing the boundary it needs a callback strategy.</summary>
public sealed record FunctionPointerType(string Spelling, CType Return, IReadOnlyList<CType> Parameters) : CType(Spelling);

/// <summary>A struct or union by value.</summary>
public sealed record RecordType(string Spelling, string Tag, bool IsUnion) : CType(Spelling);

/// <summary>va_list: cannot be passed to the host; the function needs an override.</summary>
public sealed record VaListType(string Spelling) : CType(Spelling);

/// <summary>Anything the generator has no strategy for (long double, arrays by value...).</summary>
public sealed record UnsupportedType(string Spelling, string Reason) : CType(Spelling);
