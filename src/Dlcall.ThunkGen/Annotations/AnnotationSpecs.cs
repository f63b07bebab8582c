// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Annotations;

/// <summary>A formatThenWrite entry: <paramref name="Write"/> takes the leading arguments, the text and its
/// length; <paramref name="Failure"/> is returned when formatting fails (required unless the function is
/// void), <paramref name="MemoryFailure"/> (default: Failure) when the text's buffer cannot be allocated.
/// <paramref name="NullFormat"/>: a NULL format calls the write function with (NULL, 0);
/// <paramref name="WriteEmpty"/>: an empty text is written too (else it writes nothing and returns 0).</summary>
public sealed record FormatThenWrite(string Write, string? Failure = null, string? MemoryFailure = null,
    bool NullFormat = false, bool WriteEmpty = false);

/// <summary>A vaStrings entry: the va_list holds <paramref name="Count"/> (a parameter) <c>const char *</c>,
/// joined on the guest (a NULL one as <paramref name="Null"/>, default empty); <paramref name="Write"/> gets
/// the other leading arguments, the text and its length, as with formatThenWrite.</summary>
public sealed record VaStrings(string Count, string Write, string? Null = null, bool WriteEmpty = false, string? Failure = null);

/// <summary>The spec's fileObject: <paramref name="Open"/> is a C expression making the object from
/// <c>{file}</c> (a guest FILE *, which it must not close), <paramref name="Close"/> the function freeing it.</summary>
public sealed record FileObject(string Open, string Close);

/// <summary>A fileThrough entry: the variant to call, and what to return when the file object cannot be made
/// (default: NULL for pointers; required for other non-void results).</summary>
public sealed record FileThrough(string Call, string? Failure = null);

/// <summary>A fileToMemory entry: <paramref name="NullFile"/> is the FILE the guest writes to when the caller
/// passes NULL (libxml2's debug dumps print to stdout then); without it a NULL FILE returns -1 (or nothing)
/// before any call.</summary>
public sealed record FileToMemory(string? NullFile = null);

/// <summary>An opCodeVariadics entry. <paramref name="Args"/>: variadic argument types, comma-separated ("" for
/// none, "callback:NAME" for a guest function the host calls through NAME_invoke/NAME_entry), to the
/// operations taking them; an operation in no list gets none (the library rejects unknown ones without reading
/// arguments). <paramref name="Unavailable"/>: the reason to the operations that cannot cross (the stub says so
/// and aborts). <paramref name="Op"/>: the operation's parameter (default: the last fixed one).</summary>
public sealed record OpCodeVariadic(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Args,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Unavailable = null,
    string? Op = null);

/// <summary>A guestAnswers entry: the function is answered on the guest, without crossing. <paramref name="Answer"/>
/// is a C expression over the parameters (the result; for a void function evaluated for its effect), and
/// <paramref name="Outs"/> maps out-parameters to the value each gets when it is not NULL.</summary>
public sealed record GuestAnswer(string Answer, IReadOnlyDictionary<string, string>? Outs = null);

/// <summary>A guestCalls entry: a host helper the stub's own C calls, with <paramref name="Params"/> and
/// <paramref name="Returns"/> (C types carried in 64-bit slots: integers and pointers). <paramref name="Host"/>
/// is the host function called with the arguments, or a host C expression over them as p0, p1...
/// <paramref name="Fast"/>: the fast path (the helper never reaches guest code), else the callback path.</summary>
public sealed record GuestCall(string Host, string Returns, IReadOnlyList<string> Params, bool Fast = false);

/// <summary>The spec's guestHeap: the host library's memory comes from address space the stub reserves at
/// load. <paramref name="Env"/> sizes it in MiB (default 16 GiB); <paramref name="What"/> names it in messages
/// ("libxml2's memory"); <paramref name="Install"/> is a host C expression pointing the library's allocator at
/// the host runtime's heap once the region is added (none: the hostSources use the heap themselves), and the
/// load stops unless its value is <paramref name="Installed"/> (default "0", or the number of
/// <paramref name="GotSlots"/>). <paramref name="GotSlots"/>: the library's PLT imports to host functions
/// (jpeg_get_small → dlcall_rt_heap_ctx_alloc), patched by dlcall_rt_patch_got before Install runs.
/// <paramref name="DefaultAllocators"/>: allocator parameters that get the heap when the guest passes
/// NULL for all of them (strategy HeapDefaults). <paramref name="TrailingArgs"/>: the types of the
/// extra arguments the library's allocator hooks get after the usual ones (OpenSSL's file and line): the host
/// gets dlcall__heap_malloc, dlcall__heap_realloc and dlcall__heap_free taking and ignoring them, for Install.</summary>
public sealed record GuestHeap(string Env, string What, string? Install = null, string? Installed = null,
    IReadOnlyDictionary<string, string>? GotSlots = null, DefaultAllocators? DefaultAllocators = null,
    IReadOnlyList<string>? TrailingArgs = null)
{
    /// <summary>The value the install must return.</summary>
    public string InstalledValue => Installed ?? (GotSlots is { Count: > 0 } g ? g.Count.ToString() : "0");
}
