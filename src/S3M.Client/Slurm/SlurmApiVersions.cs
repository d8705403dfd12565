using System;
using System.Collections.Generic;
using System.Linq;
using S3M.Transport;

namespace S3M.Slurm;

/// <summary>
/// Which slurmrestd version each resource speaks through S3M. Seeded from OLCF's public table,
/// overridable per session (<c>Connect-S3m -SlurmApiVersion</c>) and per call (<c>-ApiVersion</c>).
/// The version decides the path, the submit body's form and how answers are read.
/// </summary>
public sealed class SlurmApiVersions
{
    public const string Default = "v0.0.43";
    public static readonly string[] Known = { "v0.0.42", "v0.0.43", "v0.0.44" };

    /// <summary>OLCF's public table: the newest version each resource serves.</summary>
    public static readonly IReadOnlyDictionary<string, string> PublicTable = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["defiant"] = "v0.0.43",
        ["odo"] = "v0.0.44",
        ["wombat"] = "v0.0.42",
        ["quokka"] = "v0.0.42",
    };

    private readonly Dictionary<string, string> _versions;

    public SlurmApiVersions(IEnumerable<KeyValuePair<string, string>>? overrides = null)
    {
        _versions = new Dictionary<string, string>(PublicTable.ToDictionary(p => p.Key, p => p.Value), StringComparer.OrdinalIgnoreCase);
        Table = new S3mDictionary<string>(_versions);
        if (overrides == null)
        {
            return;
        }

        foreach (var pair in overrides)
        {
            S3mRoutes.Segment(pair.Key, "SlurmApiVersion");
            _versions[pair.Key] = Check(pair.Value, "SlurmApiVersion");
        }
    }

    /// <summary>The version for <paramref name="resource"/>: the call's, else the session's, else the default.</summary>
    public string For(string resource, string? requested = null) =>
        requested != null ? Check(requested, "ApiVersion") : _versions.TryGetValue(resource, out var v) ? v : Default;

    public S3mDictionary<string> Table { get; }

    /// <summary>Normalises "0.0.44" and "V0.0.44" to "v0.0.44" and refuses what is not a slurmrestd version.</summary>
    public static string Check(string version, string parameterName)
    {
        var text = (version ?? "").Trim();
        if (text.Length > 0 && (text[0] == 'v' || text[0] == 'V'))
        {
            text = text.Substring(1);
        }

        var parts = text.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || p.Length > 3 || !p.All(char.IsDigit)))
        {
            throw S3mException.InvalidArgument(parameterName, $"'{S3mRoutes.Printable(version ?? "")}' is not a slurmrestd API version such as {string.Join(", ", Known)}.");
        }

        return "v" + text;
    }

    /// <summary>True from v0.0.44 on: the version that takes <c>{"script", "jobs":[...]}</c>.</summary>
    public static bool TakesJobsForm(string version)
    {
        var parts = Check(version, "ApiVersion").Substring(1).Split('.').Select(int.Parse).ToArray();
        return parts[0] > 0 || parts[1] > 0 || parts[2] >= 44;
    }
}
