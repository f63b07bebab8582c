// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.Json;

namespace Dlcall.Cli.Bench;

/// <summary>bench/workloads.json: the workloads of <c>dlcall bench programs</c>.</summary>
public sealed record WorkloadSet(IReadOnlyList<Workload> Workloads)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads <paramref name="path"/>, or says what is wrong with it.</summary>
    public static (WorkloadSet? Set, string Error) Load(string path)
    {
        try
        {
            var set = JsonSerializer.Deserialize<WorkloadSet>(File.ReadAllText(path), Options);
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
