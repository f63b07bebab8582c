// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Annotations;

namespace Dlcall.ThunkGen.Spec;

/// <summary>The spec's annotations: recurring hand-written guest definitions said in one line each
/// (docs/ThunkGen.md, "Annotations"). Annotations/AnnotationEmitter.cs writes their C.</summary>
public sealed partial record LibrarySpec
{
    /// <summary>Variadic function to the function taking the same fixed arguments and a va_list
    /// (gzprintf → gzvprintf): the stub's definition is va_start, the twin, va_end.</summary>
    public IReadOnlyDictionary<string, string> VaListTwins { get; set; } = new Dictionary<string, string>();

    /// <summary>Function taking (object..., format, va_list) to how it writes: the guest formats with its own
    /// vsnprintf (a va_list cannot cross), then the write function gets (object..., text, length).</summary>
    public IReadOnlyDictionary<string, FormatThenWrite> FormatThenWrite { get; set; } = new Dictionary<string, FormatThenWrite>();

    /// <summary>Function taking (leading..., count, va_list of count strings) to how it writes (ERR_add_error_vdata):
    /// the guest joins the strings, the write function gets (leading..., text, length).</summary>
    public IReadOnlyDictionary<string, VaStrings> VaStrings { get; set; } = new Dictionary<string, VaStrings>();

    /// <summary>How a guest FILE * becomes the library's own file object (OpenSSL's BIO_new_fp), for fileThrough.</summary>
    public FileObject? FileObject { get; init; }

    /// <summary>Function with a FILE * parameter to its variant taking the library's file object at the same
    /// place (ERR_print_errors_fp → ERR_print_errors): wrapped, called, freed, all on the guest.</summary>
    public IReadOnlyDictionary<string, FileThrough> FileThrough { get; set; } = new Dictionary<string, FileThrough>();

    /// <summary>Function printing to a FILE * that has no file-object variant (libxml2's xmlDocDump): the host
    /// function prints to a host memory stream, the guest writes the text to its FILE.</summary>
    public IReadOnlyDictionary<string, FileToMemory> FileToMemory { get; set; } = new Dictionary<string, FileToMemory>();

    /// <summary>Variadic function whose variadic arguments depend on an operation code (sqlite3_config):
    /// the table of each operation's argument types.</summary>
    public IReadOnlyDictionary<string, OpCodeVariadic> OpCodeVariadics { get; set; } = new Dictionary<string, OpCodeVariadic>();

    /// <summary>Functions answered on the guest without a host call (libxml2's xmlMemSetup refusing a guest
    /// allocator, xmlMemGet naming the stub's): the definition sets the out-parameters and returns the answer.</summary>
    public IReadOnlyDictionary<string, GuestAnswer> GuestAnswers { get; set; } = new Dictionary<string, GuestAnswer>();

    /// <summary>The host library allocates from pages the guest mapped (what it returns may reach a guest
    /// system call): the stub reserves the region at load and hands it to the host runtime's heap.</summary>
    public GuestHeap? GuestHeap { get; init; }

    /// <summary>Function to the environment variables its host library reads (SSL_CTX_set_default_verify_paths:
    /// SSL_CERT_FILE, SSL_CERT_DIR): the host sets the guest's values for the call and puts its own back.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> GuestEnv { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Host helpers the stub's own C (stubSources, guestInit, overrides) calls by name, typed on
    /// both sides: generated guest functions packing the arguments, host functions unpacking them.</summary>
    public IReadOnlyDictionary<string, GuestCall> GuestCalls { get; set; } = new Dictionary<string, GuestCall>();

    /// <summary>Functions the real guest library runs although the host has them (SQLite's printf
    /// family, whose va_list cannot cross): the stub jumps there as with fallbackToGuest. Only for
    /// functions that touch no host object, and whose memory comes from the library's allocator
    /// pointed at the host's (guestInit).</summary>
    public IReadOnlyList<string> RunInGuestLibrary { get; set; } = [];
}
