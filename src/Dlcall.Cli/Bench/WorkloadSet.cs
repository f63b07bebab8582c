// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dlcall.Cli.Bench;

/// <summary>bench/workloads.json: the workloads of <c>dlcall bench programs</c>.</summary>
public sealed record WorkloadSet(IReadOnlyList<Workload> Workloads)
{
    /// <summary>Reads <paramref name="path"/>, or says what is wrong with it.</summary>
    public static (WorkloadSet? Set, string Error) Load(string path)
    {
        try
        {
            var set = JsonSerializer.Deserialize(File.ReadAllText(path), WorkloadJson.Default.WorkloadSet);
            if (set?.Workloads is not { Count: > 0 }) return (null, $"{path}: no workloads");
            var bad = set.Workloads.FirstOrDefault(w => string.IsNullOrEmpty(w.Name) || string.IsNullOrEmpty(w.Program) || w.Args is null || w.Passthrough is null);
            return bad is null ? (set, "") : (null, $"{path}: a workload lacks name, program, args or passthrough");
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return (null, $"{path}: {e.Message}");
        }
    }
}

/// <summary>bench/workloads.json's reader, generated at build time (`dlcall` is NativeAOT).</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(WorkloadSet))]
internal sealed partial class WorkloadJson : JsonSerializerContext;
