using System.Text.Json.Serialization;

namespace S3M.Emulator.Slurm.Wire;

/// <summary>
/// A job in the accounting shape (slurmdbd's <c>v0.0.4x_job</c>), as S3M answers
/// <c>GET /job/{id}</c>. The group is written <c>gruop</c>: that is how S3M spells it on the wire.
/// </summary>
internal sealed record AccountingJob
{
    public required string Account { get; init; }

    public int AllocationNodes { get; init; }

    public required Association Association { get; init; }

    public required string Cluster { get; init; }

    public JobComment? Comment { get; init; }

    public required ExitCode DerivedExitCode { get; init; }

    public required JobTime Time { get; init; }

    public required ExitCode ExitCode { get; init; }

    [JsonPropertyName("gruop")]
    public required string Group { get; init; }

    public required int JobId { get; init; }

    public required string Name { get; init; }

    public required string Nodes { get; init; }

    public required string Partition { get; init; }

    public required Wrap32 Priority { get; init; }

    public string? Qos { get; init; }

    public required Required Required { get; init; }

    public string? KillRequestUser { get; init; }

    public required string Script { get; init; }

    public string? StdoutExpanded { get; init; }

    public string? StderrExpanded { get; init; }

    public string? StdinExpanded { get; init; }

    public string? Stdout { get; init; }

    public string? Stderr { get; init; }

    public string? Stdin { get; init; }

    public required JobStateInfo State { get; init; }

    public required IReadOnlyList<JobStep> Steps { get; init; }

    public string? SubmitLine { get; init; }

    public required Tres Tres { get; init; }

    public required string User { get; init; }

    public required string WorkingDirectory { get; init; }
}

/// <summary>
/// The bare record a gateway may answer for <c>GET /job/{id}</c>: <c>job_id</c>, <c>state</c> and
/// <c>time {start, end}</c>, nothing else (<c>/_emulator/dialect</c> <c>"accountingJob":"minimal"</c>).
/// </summary>
internal sealed record MinimalAccountingJob(int JobId, JobStateInfo State, MinimalJobTime Time)
{
    public static MinimalAccountingJob Of(AccountingJob job) => new(job.JobId, job.State, new MinimalJobTime(job.Time.Start, job.Time.End));
}

internal sealed record MinimalJobTime(long Start, long End);

internal sealed record Association(string Account, string Cluster, string Partition, string User);

internal sealed record JobComment(string Job);

/// <summary>Times of the accounting shape: plain 64-bit numbers (strings), except the wrapped <c>planned</c> and <c>limit</c>.</summary>
internal sealed record JobTime
{
    public int Elapsed { get; init; }

    public long Eligible { get; init; }

    public long End { get; init; }

    public required Wrap64 Planned { get; init; }

    public long Start { get; init; }

    public long Submission { get; init; }

    public int Suspended { get; init; }

    public required Wrap32 Limit { get; init; }
}

internal sealed record JobStateInfo(IReadOnlyList<string> Current, string Reason);

internal sealed record Required
{
    [JsonPropertyName("CPUs")]
    public int Cpus { get; init; }

    public required Wrap64 MemoryPerCpu { get; init; }

    public required Wrap64 MemoryPerNode { get; init; }
}

internal sealed record Tres(IReadOnlyList<TresItem> Allocated, IReadOnlyList<TresItem> Requested);

internal sealed record TresItem(string Type, string? Name, int Id, long Count);

internal sealed record JobStep
{
    public required StepTime Time { get; init; }

    public required ExitCode ExitCode { get; init; }

    public required StepNodes Nodes { get; init; }

    public required StepTasks Tasks { get; init; }

    public required IReadOnlyList<string> State { get; init; }

    public required StepId Step { get; init; }

    public string? KillRequestUser { get; init; }
}

internal sealed record StepTime(int Elapsed, Wrap64 End, Wrap64 Start, int Suspended);

internal sealed record StepNodes(int Count, string Range, IReadOnlyList<string> List);

internal sealed record StepTasks(int Count);

internal sealed record StepId(string Id, string Name);
