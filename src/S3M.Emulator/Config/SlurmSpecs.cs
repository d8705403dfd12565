namespace S3M.Emulator.Config;

/// <summary>
/// A resource that answers Slurm calls: the slurmrestd versions S3M serves for it and the size of
/// the made-up cluster behind it. Partitions (batch, debug) and node states are derived from it.
/// </summary>
internal sealed record SlurmClusterSpec
{
    public required string Resource { get; init; }

    /// <summary>API versions such as "v0.0.43"; the emulator knows v0.0.42, v0.0.43 and v0.0.44.</summary>
    public required IReadOnlyList<string> Versions { get; init; }

    /// <summary>Slurm's release, such as "25.05.3"; default: one that serves the newest version listed.</summary>
    public string? Release { get; init; }

    /// <summary>Node names are this and a two-digit number ("odo01"); default: the resource name.</summary>
    public string? NodePrefix { get; init; }

    public int Nodes { get; init; } = 6;

    public int CpusPerNode { get; init; } = 64;

    public long MemoryPerNodeMiB { get; init; } = 256_000;

    public string Architecture { get; init; } = "x86_64";

    public IReadOnlyList<string> Features { get; init; } = [];
}

/// <summary>The scheduler's pace, in seconds of the emulator's clock.</summary>
internal sealed record SchedulerSpec
{
    /// <summary>How long a new job stays PENDING.</summary>
    public double PendingSeconds { get; init; } = 2;

    /// <summary>How long a job runs when its script has no <c>sleep</c> line.</summary>
    public double DefaultRunSeconds { get; init; } = 3;

    /// <summary>How long <c>GET /jobs</c> still lists a finished job (slurmctld's MinJobAge).</summary>
    public double KeepFinishedSeconds { get; init; } = 300;

    /// <summary>How long a job that ran shows COMPLETING after its script ended or it was cancelled.</summary>
    public double CompletingSeconds { get; init; } = 1;

    /// <summary>How long a job that requeued itself stays PENDING+REQUEUED before it runs again.</summary>
    public double RequeueSeconds { get; init; } = 2;
}
