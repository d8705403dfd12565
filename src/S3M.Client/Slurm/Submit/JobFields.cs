using System;
using System.Collections.Generic;
using System.Linq;

namespace S3M.Slurm;

/// <summary>How a job field's value is read from the user and written on the wire.</summary>
internal enum FieldKind
{
    Text,          // JSON string
    Count,         // int32
    Flag,          // boolean
    Environment,   // array of "K=V"
    Script,        // the batch script (a string, placed apart in the body)
    NodeRange,     // "N" or "N-M", kept as minimum_nodes/maximum_nodes
    Minutes,       // wrapped uint32, may be UNLIMITED
    MiB,           // wrapped uint64
    UnixTime,      // wrapped uint64
    Number32,      // wrapped uint32
    Number16,      // wrapped uint16
}

/// <summary>
/// The job fields the gateway accepts (s3m-api.md, "Compute"), in the contract's order, which
/// is also the order bodies are written in. Nothing outside this list is ever sent: the
/// gateway rejects unknown fields.
/// </summary>
internal static class JobFields
{
    public static readonly IReadOnlyList<KeyValuePair<string, FieldKind>> All = new[]
    {
        F("account", FieldKind.Text),
        F("begin_time", FieldKind.UnixTime),
        F("comment", FieldKind.Text),
        F("environment", FieldKind.Environment),
        F("licenses", FieldKind.Text),
        F("name", FieldKind.Text),
        F("tasks", FieldKind.Count),
        F("partition", FieldKind.Text),
        F("distribution_plane_size", FieldKind.Number16),
        F("priority", FieldKind.Number32),
        F("qos", FieldKind.Text),
        F("reservation", FieldKind.Text),
        F("script", FieldKind.Script),
        F("time_limit", FieldKind.Minutes),
        F("time_minimum", FieldKind.Minutes),
        F("wait_all_nodes", FieldKind.Flag),
        F("current_working_directory", FieldKind.Text),
        F("cpus_per_task", FieldKind.Count),
        F("minimum_cpus", FieldKind.Count),
        F("maximum_cpus", FieldKind.Count),
        F("nodes", FieldKind.NodeRange),
        F("minimum_nodes", FieldKind.Count),
        F("maximum_nodes", FieldKind.Count),
        F("minimum_boards_per_node", FieldKind.Count),
        F("minimum_sockets_per_board", FieldKind.Count),
        F("sockets_per_node", FieldKind.Count),
        F("threads_per_core", FieldKind.Count),
        F("tasks_per_node", FieldKind.Count),
        F("tasks_per_socket", FieldKind.Count),
        F("tasks_per_core", FieldKind.Count),
        F("tasks_per_board", FieldKind.Count),
        F("ntasks_per_tres", FieldKind.Count),
        F("minimum_cpus_per_node", FieldKind.Count),
        F("memory_per_cpu", FieldKind.MiB),
        F("memory_per_node", FieldKind.MiB),
        F("standard_input", FieldKind.Text),
        F("standard_output", FieldKind.Text),
        F("standard_error", FieldKind.Text),
    };

    private static readonly Dictionary<string, FieldKind> ByName =
        All.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);

    public static bool IsWrapped(FieldKind kind) => kind >= FieldKind.Minutes;

    /// <summary>
    /// The longest text slurmctld takes in a field, in bytes (its _test_job_desc_fields): paths
    /// MAXPATHLEN (4096 on Linux), every other text 1024. It refuses the whole job otherwise.
    /// </summary>
    public static int MaxTextBytes(string name) =>
        name == "current_working_directory" || name.StartsWith("standard_", StringComparison.Ordinal) ? MaxPathBytes : MaxOtherTextBytes;

    private const int MaxPathBytes = 4096;

    internal const int MaxOtherTextBytes = 1024;

    /// <summary>The canonical (lower-case) name and kind of <paramref name="name"/>, any case.</summary>
    public static bool TryFind(string name, out string canonical, out FieldKind kind)
    {
        canonical = name.ToLowerInvariant();
        return ByName.TryGetValue(name, out kind);
    }

    /// <summary>Accepted names close to a mistyped one: containing it, inside it, or an edit or two away.</summary>
    public static string[] CloseTo(string name)
    {
        var wanted = name.ToLowerInvariant().Replace('-', '_');
        var edits = wanted.Length >= 8 ? 2 : 1; // short names are a couple of edits from too many others
        return All.Select(f => f.Key)
            .Where(n => wanted.Length >= 3 && (n.IndexOf(wanted, StringComparison.Ordinal) >= 0 || wanted.IndexOf(n, StringComparison.Ordinal) >= 0)
                        || Distance(n, wanted) <= edits)
            .Take(4)
            .ToArray();
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }
        return previous[b.Length];
    }

    private static KeyValuePair<string, FieldKind> F(string name, FieldKind kind) => new KeyValuePair<string, FieldKind>(name, kind);
}
