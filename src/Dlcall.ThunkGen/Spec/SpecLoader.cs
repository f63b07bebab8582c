// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.Json;
using System.Text.Json.Serialization;
using Dlcall.ThunkGen.Diagnostics;

namespace Dlcall.ThunkGen.Spec;

/// <summary>Reads a library spec; a bad one is a diagnostic, not an exception.</summary>
public static class SpecLoader
{
    /// <summary>The spec in <paramref name="path"/>, or a diagnostic saying what is wrong.</summary>
    public static (LibrarySpec? Spec, Diagnostic? Error) Load(string path)
    {
        try
        {
            var spec = JsonSerializer.Deserialize(File.ReadAllText(path), SpecJson.Default.LibrarySpec);
            return spec is null
                ? (null, new Diagnostic(Severity.Error, DiagnosticCodes.SpecInvalid, "empty spec", path))
                : (spec, null);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            string where = e is JsonException je && je.LineNumber is long l ? $"{path}:{l + 1}" : path;
            return (null, new Diagnostic(Severity.Error, DiagnosticCodes.SpecInvalid, e.Message, where));
        }
    }
}

/// <summary>The spec's JSON reader, generated at build time: `dlcall` is NativeAOT, with no
/// reflection-based serializer. An unknown field is an error (a typo must not be ignored).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(LibrarySpec))]
internal sealed partial class SpecJson : JsonSerializerContext;
