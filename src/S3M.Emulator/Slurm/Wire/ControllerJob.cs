namespace S3M.Emulator.Slurm.Wire;

/// <summary>
/// A job in the controller's shape (<c>v0.0.4x_job_info</c>), as <c>GET /jobs</c> lists it.
/// Null fields are ones the answer's version does not have, or that are empty; both are left out.
/// </summary>
internal sealed record ControllerJob
{
    public required string Account { get; init; }

    public required Wrap64 AccrueTime { get; init; }

    public bool BatchFlag { get; init; }

    public string? BatchHost { get; init; }

    public required string Cluster { get; init; }

    public string? Comment { get; init; }

    public required Wrap32 Cpus { get; init; }

    public required Wrap32 CpusPerTask { get; init; }

    public required string CurrentWorkingDirectory { get; init; }

    public required ExitCode DerivedExitCode { get; init; }

    public required Wrap64 EligibleTime { get; init; }

    public required Wrap64 EndTime { get; init; }

    public required ExitCode ExitCode { get; init; }

    public int GroupId { get; init; }

    public required string GroupName { get; init; }

    public required int JobId { get; init; }

    public required IReadOnlyList<string> JobState { get; init; }

    public required Wrap64 LastSchedEvaluation { get; init; }

    public required Wrap32 MaxNodes { get; init; }

    public Wrap64? MemoryPerCpu { get; init; }

    public Wrap64? MemoryPerNode { get; init; }

    public required string Name { get; init; }

    public required Wrap32 NodeCount { get; init; }

    public string? Nodes { get; init; }

    public required string Partition { get; init; }

    public required Wrap32 Priority { get; init; }

    public string? Qos { get; init; }

    public string? ResvName { get; init; }

    public string? StandardError { get; init; }

    public string? StandardInput { get; init; }

    public string? StandardOutput { get; init; }

    public string? StderrExpanded { get; init; }

    public string? StdinExpanded { get; init; }

    public string? StdoutExpanded { get; init; }

    public required Wrap64 StartTime { get; init; }

    public required string StateReason { get; init; }

    public string? SubmitLine { get; init; }

    public required Wrap64 SubmitTime { get; init; }

    public required Wrap64 SuspendTime { get; init; }

    public required Wrap32 Tasks { get; init; }

    public required Wrap32 TimeLimit { get; init; }

    public required Wrap32 TimeMinimum { get; init; }

    public string? TresReqStr { get; init; }

    public string? TresAllocStr { get; init; }

    public int UserId { get; init; }

    public required string UserName { get; init; }
}

/// <summary>How a job or step ended (<c>process_exit_code_verbose</c>).</summary>
internal sealed record ExitCode(IReadOnlyList<string> Status, Wrap32 ReturnCode, ExitSignal Signal);

internal sealed record ExitSignal(Wrap32 Id, string? Name);
