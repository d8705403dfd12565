using System;
using System.Text.Json;
using S3M.Slurm;
using S3M.Transport;

namespace S3M;

/// <summary>The controller's statistics (<c>GET /diag</c>): how busy the scheduler is.</summary>
public sealed class SlurmDiagnostic : IRawAnswer
{
    public string? Resource { get; internal set; }
    public string? ApiVersion { get; internal set; }
    public string? SlurmVersion { get; internal set; }
    public DateTimeOffset? RequestTime { get; internal set; }
    public int ServerThreads { get; internal set; }
    public int AgentQueueSize { get; internal set; }
    public int JobsSubmitted { get; internal set; }
    public int JobsStarted { get; internal set; }
    public int JobsCompleted { get; internal set; }
    public int JobsCanceled { get; internal set; }
    public int JobsFailed { get; internal set; }
    public int JobsPending { get; internal set; }
    public int JobsRunning { get; internal set; }
    public TimeSpan? ScheduleCycleLast { get; internal set; }
    public TimeSpan? ScheduleCycleMean { get; internal set; }
    public bool BackfillActive { get; internal set; }
    internal JsonElement Raw { get; set; }
    JsonElement IRawAnswer.Raw => Raw;

    public override string ToString() => $"{Resource} diagnostics";

    internal static SlurmDiagnostic Read(JsonElement answer, string resource, string apiVersion)
    {
        var s = answer.Field("statistics") ?? default;
        // Counters left out of the answer are zero: the gateway omits zero fields.
        return new SlurmDiagnostic
        {
            Resource = resource,
            ApiVersion = apiVersion,
            SlurmVersion = SlurmMeta.Version(answer),
            RequestTime = s.UnixTime("req_time"),
            ServerThreads = s.Int("server_thread_count") ?? 0,
            AgentQueueSize = s.Int("agent_queue_size") ?? 0,
            JobsSubmitted = s.Int("jobs_submitted") ?? 0,
            JobsStarted = s.Int("jobs_started") ?? 0,
            JobsCompleted = s.Int("jobs_completed") ?? 0,
            JobsCanceled = s.Int("jobs_canceled") ?? 0,
            JobsFailed = s.Int("jobs_failed") ?? 0,
            JobsPending = s.Int("jobs_pending") ?? 0,
            JobsRunning = s.Int("jobs_running") ?? 0,
            ScheduleCycleLast = s.Microseconds("schedule_cycle_last"),
            ScheduleCycleMean = s.Microseconds("schedule_cycle_mean"),
            BackfillActive = s.Bool("bf_active"),
            Raw = answer,
        };
    }
}
