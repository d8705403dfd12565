using S3M.Emulator.Config;
using S3M.Emulator.Slurm.Wire;

namespace S3M.Emulator.Slurm;

/// <summary>A node as configured; what runs on it is the scheduler's business.</summary>
internal sealed record ClusterNode(int Number, string Name, IReadOnlyList<string> BaseState, string? Reason, IReadOnlyList<string> Partitions)
{
    /// <summary>Down and drained nodes take no new jobs.</summary>
    public bool TakesJobs => !BaseState.Contains("DOWN") && !BaseState.Contains("DRAIN");

    /// <summary>Busy with the made-up work of other users before any emulated job arrives.</summary>
    public bool BusyElsewhere => BaseState.Contains("ALLOCATED") || BaseState.Contains("MIXED");
}

/// <summary>A partition: time limits in minutes, and its nodes.</summary>
internal sealed record ClusterPartition(string Name, bool IsDefault, int DefaultMinutes, int MaxMinutes, int MaxNodes, IReadOnlyList<ClusterNode> Nodes);

/// <summary>
/// One resource's made-up Slurm cluster, built from its <see cref="SlurmClusterSpec"/>: nodes in a
/// fixed mix of states (one down, one drained, some busy with other users' work, the rest idle),
/// a default <c>batch</c> partition of every node (2 days at most, 1 hour by default, as many nodes
/// as are up) and a <c>debug</c> partition of the first two (2 hours at most).
/// </summary>
internal sealed class SlurmCluster
{
    public SlurmCluster(SlurmClusterSpec spec)
    {
        if (string.IsNullOrWhiteSpace(spec.Resource))
        {
            throw new InvalidDataException("a slurm entry needs a resource name");
        }

        var versions = new List<SlurmApiVersion>();
        foreach (var name in spec.Versions)
        {
            versions.Add(SlurmApiVersion.Find(name) ?? throw new InvalidDataException(
                $"slurm resource \"{spec.Resource}\": unknown API version \"{name}\"; known: {string.Join(", ", SlurmApiVersion.All.Select(v => v.Name))}"));
        }

        if (versions.Count == 0 || spec.Nodes is < 2 or > 99 || spec.CpusPerNode < 1 || spec.MemoryPerNodeMiB < 1)
        {
            throw new InvalidDataException(
                $"slurm resource \"{spec.Resource}\": needs at least one version, 2 to 99 nodes, and CPUs and memory above 0");
        }

        Name = spec.Resource;
        Versions = versions;
        Release = spec.Release ?? versions.MaxBy(v => v.Minor)!.DefaultRelease;
        var parts = Release.Split('.');
        ReleaseVersion = new MetaVersion(Part(0), Part(1), Part(2));
        NodePrefix = spec.NodePrefix ?? spec.Resource;
        CpusPerNode = spec.CpusPerNode;
        MemoryPerNodeMiB = spec.MemoryPerNodeMiB;
        Architecture = spec.Architecture;
        Features = spec.Features;

        var nodes = Enumerable.Range(1, spec.Nodes).Select(n => MakeNode(n, spec.Nodes)).ToList();
        var debug = nodes.Take(2).ToList();
        Nodes = nodes;
        // A partition gives at most the nodes it has up, so every job it accepts gets all the nodes it asked for.
        Partitions =
        [
            new ClusterPartition("batch", IsDefault: true, DefaultMinutes: 60, MaxMinutes: 2 * 24 * 60, MaxNodes: nodes.Count(n => n.TakesJobs), nodes),
            new ClusterPartition("debug", IsDefault: false, DefaultMinutes: 30, MaxMinutes: 2 * 60, MaxNodes: debug.Count(n => n.TakesJobs), debug),
        ];

        string Part(int i) => i < parts.Length ? parts[i] : "0";
    }

    public string Name { get; }

    public IReadOnlyList<SlurmApiVersion> Versions { get; }

    public string Release { get; }

    /// <summary><see cref="Release"/> in parts, as every answer's <c>meta</c> writes it: split once here, not per request.</summary>
    public MetaVersion ReleaseVersion { get; }

    public string NodePrefix { get; }

    public int CpusPerNode { get; }

    public long MemoryPerNodeMiB { get; }

    public string Architecture { get; }

    public IReadOnlyList<string> Features { get; }

    public IReadOnlyList<ClusterNode> Nodes { get; }

    public IReadOnlyList<ClusterPartition> Partitions { get; }

    public ClusterPartition DefaultPartition => Partitions.First(p => p.IsDefault);

    /// <summary>Some of this cluster's nodes as Slurm lists them ("odo[01-03]").</summary>
    public string NodeList(IEnumerable<ClusterNode> nodes) => Hostlist.Format(NodePrefix, nodes.Select(n => n.Number));

    public SlurmApiVersion? Serves(string version) => Versions.FirstOrDefault(v => v.Name == version);

    public ClusterPartition? FindPartition(string name) => Partitions.FirstOrDefault(p => p.Name == name);

    private ClusterNode MakeNode(int number, int count)
    {
        // Nodes 01 and 02 (the debug partition) stay idle, unless one is the last, so debug jobs have somewhere to run.
        var (state, reason) =
            number == count ? (new[] { "DOWN", "NOT_RESPONDING" }, "Not responding") :
            number == count - 1 && count >= 6 ? (new[] { "IDLE", "DRAIN" }, "Hardware check: correctable DIMM errors") :
            number == 3 ? (new[] { "ALLOCATED" }, null) :
            number == 4 && count >= 5 ? (new[] { "MIXED" }, null) :
            (new[] { "IDLE" }, (string?)null);
        var partitions = number <= 2 ? new[] { "batch", "debug" } : ["batch"];
        return new ClusterNode(number, Hostlist.NodeName(NodePrefix, number), state, reason, partitions);
    }
}
