// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text;

namespace Dlcall.Cli;

/// <summary>
/// Values `dlcall run` derives from files (the QEMU directory, the guest root of a package set, the
/// specs' few facts it needs), kept under artifacts/run/cache/ with the size and modification time
/// of every input: a warm run pays one stat per input instead of a bash subprocess or a JSON parse.
/// A changed, removed or added input, or a value no longer <c>valid</c>, recomputes it.
/// </summary>
internal static class RunCache
{
    // Bump when a cached value's meaning or an input's identity changes, so older files are not
    // reused (cache2: modification times in nanoseconds from statx, no longer .NET ticks).
    private const string Layout = "cache2";

    public static string Dir => Path.Combine(RepoLayout.Artifacts, "run", "cache");

    /// <summary>Every input a lookup of this process checked or recorded: a value derived from
    /// several cached ones (<see cref="WarmRun"/>'s launch) depends on them all.</summary>
    public static HashSet<string> Consulted { get; } = [];

    /// <summary>The lines cached for <paramref name="name"/> and <paramref name="key"/>, or those
    /// <paramref name="compute"/> gives (null: a failure, not cached) with the inputs it read.</summary>
    public static IReadOnlyList<string>? Get(string name, string key, IReadOnlyList<string> inputs,
        Func<IReadOnlyList<string>?> compute, Func<IReadOnlyList<string>, bool>? valid = null)
    {
        Consulted.UnionWith(inputs);
        string file = Path.Combine(Dir, $"{name}-{FileKey($"{Layout}\n{key}\n{string.Join("\n", inputs)}")}");
        if (Read(file) is { } cached && (valid is null || valid(cached))) return cached;
        var value = compute();
        if (value != null) Write(file, inputs, value);
        return value;
    }

    /// <summary>The lines <see cref="Put"/> stored for <paramref name="name"/> and <paramref name="key"/>
    /// while every input it named is unchanged, else null. The inputs are the file's: the caller
    /// need not know them beforehand.</summary>
    public static IReadOnlyList<string>? Find(string name, string key) => Read(KeyedFile(name, key));

    /// <summary>Stores <paramref name="values"/> for <see cref="Find"/>, valid while <paramref name="inputs"/> are unchanged.</summary>
    public static void Put(string name, string key, IEnumerable<string> inputs, IReadOnlyList<string> values) =>
        Write(KeyedFile(name, key), inputs, values);

    private static string KeyedFile(string name, string key) => Path.Combine(Dir, $"{name}-{FileKey($"{Layout}\n{key}")}");

    /// <summary>A file name for <paramref name="text"/>: 64-bit FNV-1a in hex. Not SHA-256, whose first
    /// use loads OpenSSL (about 10 ms of every start); a collision only costs a recomputation, since
    /// each cache file checks its own inputs.</summary>
    public static string FileKey(string text)
    {
        ulong h = 14695981039346656037;
        foreach (byte b in Encoding.UTF8.GetBytes(text)) h = (h ^ b) * 1099511628211;
        return h.ToString("x16");
    }

    /// <summary>Size and modification time (ns): what a rewrite, a touch or a removal changes. For a
    /// directory its modification time, which an added, removed or renamed entry changes. One
    /// statx each (<see cref="FileStamp"/>): a warm run checks every input of its launch.</summary>
    public static string Identity(string path)
    {
        var stamp = FileStamp.Of(path);
        if (!stamp.Exists) return "missing\t0";
        return stamp.IsDirectory ? $"dir\t{stamp.MtimeNs}" : $"{stamp.Size}\t{stamp.MtimeNs}";
    }

    private static List<string>? Read(string file)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var values = new List<string>();
        foreach (string line in lines)
        {
            string[] f = line.Split('\t', 4);
            if (f[0] == "F" && (f.Length != 4 || Identity(f[3]) != $"{f[1]}\t{f[2]}")) return null;
            if (f[0] == "V" && f.Length >= 2) values.Add(line[2..]);
        }
        return values;
    }

    // Written whole under a temporary name, then renamed: parallel runs never read half a file.
    private static void Write(string file, IEnumerable<string> inputs, IReadOnlyList<string> values)
    {
        try
        {
            Directory.CreateDirectory(Dir);
            var text = new StringBuilder();
            foreach (string p in inputs) text.Append($"F\t{Identity(p)}\t{Path.GetFullPath(p)}\n");
            foreach (string v in values) text.Append($"V\t{v.Replace('\n', ' ')}\n");
            string temp = $"{file}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temp, text.ToString());
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unwritable cache costs the next run the same work, nothing else.
        }
    }
}
