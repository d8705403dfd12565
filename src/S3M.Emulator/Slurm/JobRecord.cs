using System.Collections.Immutable;

namespace S3M.Emulator.Slurm;

/// <summary>
/// A submitted job: what was asked, and what the scheduler decided at submission (when it becomes
/// eligible, how long it runs, how it ends). Its state at any moment is computed from these and
/// the clock (<see cref="StatusAt"/>), so reads are deterministic and need no timer. Immutable:
/// a cancel or a signal replaces the record.
/// </summary>
internal sealed record JobRecord
{
    public int Id { get; init; }

    public required string Resource { get; init; }

    public required string Project { get; init; }

    public required string User { get; init; }

    public required string Name { get; init; }

    public required string Partition { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When it leaves PENDING: submission plus the scheduler's delay, or its begin time if later.</summary>
    public required DateTimeOffset EligibleAt { get; init; }

    /// <summary>True when a begin time, not the scheduler's delay, holds it back.</summary>
    public bool HeldByBeginTime { get; init; }

    /// <summary>How long the script runs if nothing stops it.</summary>
    public required TimeSpan RunTime { get; init; }

    public int ScriptExitCode { get; init; }

    /// <summary>How long the first run lasts before the script requeues itself (<c>scontrol requeue</c>), or null.</summary>
    public TimeSpan? RequeueAfter { get; init; }

    /// <summary>How long a requeued job stays PENDING+REQUEUED before it runs again.</summary>
    public TimeSpan RequeueHold { get; init; }

    /// <summary>How long a job that ran stays COMPLETING once its script has ended or it was cancelled.</summary>
    public TimeSpan Completing { get; init; }

    public required int TimeLimitMinutes { get; init; }

    public required IReadOnlyList<string> NodeNames { get; init; }

    public required string NodeList { get; init; }

    public int Cpus { get; init; }

    public int RequiredCpus { get; init; }

    public int Tasks { get; init; }

    public int CpusPerTask { get; init; }

    public long? MemoryPerCpu { get; init; }

    public long? MemoryPerNode { get; init; }

    public int Priority { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>Output paths as asked (absolute, patterns such as %j unexpanded).</summary>
    public required string StandardOutput { get; init; }

    public required string StandardError { get; init; }

    public string? StandardInput { get; init; }

    public required string Script { get; init; }

    public required IReadOnlyList<string> Environment { get; init; }

    public string? Comment { get; init; }

    public string? Qos { get; init; }

    public string? Reservation { get; init; }

    /// <summary>The <c>x-s3m-withstorage</c> header as sent; it changes nothing.</summary>
    public string? WithStorage { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public SlurmSignal? CancelSignal { get; init; }

    /// <summary>Signals delivered without cancelling (SIGUSR1...), in order.</summary>
    public ImmutableList<SlurmSignal> SignalsDelivered { get; init; } = [];

    /// <summary>
    /// The job at <paramref name="now"/>: PENDING until eligible; RUNNING; for a script that requeues
    /// itself, PENDING+REQUEUED for the hold and a second, whole run; RUNNING+COMPLETING once the
    /// script has ended; then its final state. A cancel ends it at once, with COMPLETING for a
    /// while if it was running.
    /// </summary>
    public JobStatus StatusAt(DateTimeOffset now)
    {
        var limit = TimeSpan.FromMinutes(TimeLimitMinutes);
        var requeuedAt = RequeueAfter is { } first && first <= limit ? EligibleAt + first : (DateTimeOffset?)null;
        var runStart = requeuedAt is { } requeue ? requeue + RequeueHold : EligibleAt;
        var timesOut = RunTime > limit;
        var naturalEnd = runStart + (timesOut ? limit : RunTime);

        if (CancelledAt is { } cancelled && now >= cancelled)
        {
            var started = RunStartedAt(cancelled, requeuedAt, runStart);
            return new JobStatus(JobPhase.Cancelled, "None", started, cancelled, 0, CancelSignal)
            {
                Flags = started is not null && now < cancelled + Completing ? [JobStatus.CompletingFlag] : [],
            };
        }

        if (now < EligibleAt)
        {
            return new JobStatus(JobPhase.Pending, HeldByBeginTime ? "BeginTime" : "Priority", null, null, null, null);
        }

        if (now < runStart)
        {
            // Between the requeue line and the second run: Slurm holds a requeued job back with a begin time.
            return now < requeuedAt
                ? new JobStatus(JobPhase.Running, "None", EligibleAt, null, null, null)
                : new JobStatus(JobPhase.Pending, "BeginTime", null, null, null, null) { Flags = [JobStatus.RequeuedFlag] };
        }

        if (now < naturalEnd)
        {
            return new JobStatus(JobPhase.Running, "None", runStart, null, null, null);
        }

        if (now < naturalEnd + Completing)
        {
            return new JobStatus(JobPhase.Running, "None", runStart, naturalEnd, null, null) { Flags = [JobStatus.CompletingFlag] };
        }

        return timesOut
            ? new JobStatus(JobPhase.Timeout, "None", runStart, naturalEnd, 0, SlurmSignal.Term)
            : new JobStatus(ScriptExitCode == 0 ? JobPhase.Completed : JobPhase.Failed, "None", runStart, naturalEnd, ScriptExitCode, null);
    }

    /// <summary>When the run going on at <paramref name="moment"/> began, or null when none was.</summary>
    private DateTimeOffset? RunStartedAt(DateTimeOffset moment, DateTimeOffset? requeuedAt, DateTimeOffset runStart) =>
        moment >= runStart ? runStart
        : requeuedAt is { } requeue && moment >= EligibleAt && moment < requeue ? EligibleAt
        : null;
}

internal enum JobPhase
{
    Pending,
    Running,
    Completed,
    Failed,
    Timeout,
    Cancelled,
}

/// <summary>
/// A job at one moment: its state, the flags Slurm adds to it (COMPLETING, REQUEUED), Slurm's reason
/// word, and how it ended once it has.
/// </summary>
internal sealed record JobStatus(JobPhase Phase, string Reason, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, int? ExitCode, SlurmSignal? Signal)
{
    public const string CompletingFlag = "COMPLETING";
    public const string RequeuedFlag = "REQUEUED";

    public IReadOnlyList<string> Flags { get; init; } = [];

    public bool IsFinished => Phase is not (JobPhase.Pending or JobPhase.Running);

    /// <summary>Ended, or cancelled, with its nodes still being cleaned up: Slurm refuses signals now.</summary>
    public bool IsCompleting => Flags.Contains(CompletingFlag);

    /// <summary>What <c>job_state</c> and <c>state.current</c> hold: the base state, then the flags.</summary>
    public IReadOnlyList<string> Words => [State, .. Flags];

    public string State => Phase switch
    {
        JobPhase.Pending => "PENDING",
        JobPhase.Running => "RUNNING",
        JobPhase.Completed => "COMPLETED",
        JobPhase.Failed => "FAILED",
        JobPhase.Timeout => "TIMEOUT",
        _ => "CANCELLED",
    };

    /// <summary>Slurm's words for how the process ended (<c>process_exit_code_status</c>).</summary>
    public string ExitStatus => Phase switch
    {
        JobPhase.Pending or JobPhase.Running => "PENDING",
        JobPhase.Completed => "SUCCESS",
        JobPhase.Failed => "ERROR",
        _ => "SIGNALED",
    };

    public TimeSpan Elapsed(DateTimeOffset now) => StartedAt is { } start ? (EndedAt ?? now) - start : TimeSpan.Zero;
}
