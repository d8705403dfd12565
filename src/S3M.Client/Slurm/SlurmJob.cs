using System;
using System.Linq;
using System.Text.Json;
using S3M.Slurm;
using S3M.Transport;

namespace S3M;

/// <summary>
/// One Slurm job, read from either shape S3M answers: the controller's (<c>GET /jobs</c>:
/// <c>job_state[]</c>, wrapped times) or the accounting one (<c>GET /job/{id}</c>:
/// <c>state.current[]</c>, <c>time{}</c>, <c>user</c>).
/// </summary>
public sealed class SlurmJob : IRawAnswer
{
    /// <summary>The states a job never leaves: waiting stops at any of them.</summary>
    public static readonly string[] FinalStates =
        { "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "OUT_OF_MEMORY" };

    private static readonly string[] BaseStates = FinalStates.Concat(new[] { "PENDING", "RUNNING", "SUSPENDED" }).ToArray();

    public string? Resource { get; internal set; }
    public string? ApiVersion { get; internal set; }
    public int JobId { get; internal set; }
    public string? Name { get; internal set; }
    public string? Account { get; internal set; }
    public string? Partition { get; internal set; }
    public string? User { get; internal set; }

    /// <summary>The user's comment (a submission's tag, s3m:..., at its end: see <see cref="Slurm.SubmissionTag"/>).</summary>
    public string? Comment { get; internal set; }

    /// <summary>The base state word (PENDING, RUNNING, COMPLETED...), wherever it stands among the words.</summary>
    public string? State { get; internal set; }

    /// <summary>Every flag Slurm adds to the base state (COMPLETING, REQUEUED, RECONFIG_FAIL...), in order.</summary>
    public S3mList<string> StateFlags { get; internal set; } = S3mList<string>.Empty;
    public string? StateReason { get; internal set; }

    /// <summary>The base state is final, as Slurm's IS_JOB_FINISHED: COMPLETED+COMPLETING is finished, RUNNING+COMPLETING is not.</summary>
    public bool IsFinished => IsFinal(State);

    /// <summary>The job has left PENDING (a requeued job, PENDING+REQUEUED, waits to start again).</summary>
    public bool IsStarted => State != null && State != "PENDING";
    public string? Nodes { get; internal set; }
    public int? NodeCount { get; internal set; }
    public int? Cpus { get; internal set; }
    public DateTimeOffset? SubmitTime { get; internal set; }
    public DateTimeOffset? StartTime { get; internal set; }
    public DateTimeOffset? EndTime { get; internal set; }
    public TimeSpan? Elapsed { get; internal set; }

    /// <summary>Null when unset; <see cref="TimeSpan.MaxValue"/> when unlimited.</summary>
    public TimeSpan? TimeLimit { get; internal set; }
    public int? ExitCode { get; internal set; }
    public string? ExitSignal { get; internal set; }
    public string? WorkingDirectory { get; internal set; }
    /// <summary>The output path with Slurm's patterns (%j, %x...) expanded where S3M sent the expanded path, else as S3M gave it.</summary>
    public string? StandardOutput { get; internal set; }
    public string? StandardError { get; internal set; }
    public string? StandardInput { get; internal set; }
    internal JsonElement Raw { get; set; }
    JsonElement IRawAnswer.Raw => Raw;

    public override string ToString() => $"{Resource} job {JobId} {State}";

    public static bool IsFinal(string? state) => state != null && Array.IndexOf(FinalStates, state) >= 0;

    /// <summary>Reads a job of either shape; <paramref name="now"/> gives a running job's elapsed time.</summary>
    public static SlurmJob Read(JsonElement job, string resource, string apiVersion, DateTimeOffset now)
    {
        var accounting = job.Field("state")?.ValueKind == JsonValueKind.Object || job.Field("time")?.ValueKind == JsonValueKind.Object;
        var result = accounting ? ReadAccounting(job) : ReadController(job);
        result.Resource = resource;
        result.ApiVersion = apiVersion;
        result.JobId = job.Int("job_id") ?? 0;
        result.Name = job.NonEmptyString("name");
        result.Account = job.NonEmptyString("account");
        result.Partition = job.NonEmptyString("partition");
        result.Nodes = Assigned(job.Text("nodes"));
        result.Comment = CommentOf(job);
        result.Raw = job;
        var exit = job.Field("exit_code") ?? default;
        result.ExitCode = exit.ValueKind == JsonValueKind.Object ? exit.Int("return_code") : job.Int("exit_code");
        result.ExitSignal = ReadSignal(exit);
        // A running job's end_time is the projected end (start + limit): count to now instead.
        // A finished job without an end time has no elapsed time to tell (not zero).
        if (result.Elapsed == null && result.StartTime.HasValue)
        {
            result.Elapsed = result.IsFinished ? result.EndTime - result.StartTime : now - result.StartTime;
        }

        return result;
    }

    private static SlurmJob ReadController(JsonElement job)
    {
        var states = job.Strings("job_state");
        var (state, flags) = SplitState(states.Length > 0 ? states : Words(job.NonEmptyString("job_state")));
        return new SlurmJob
        {
            User = job.NonEmptyString("user_name"),
            State = state,
            StateFlags = flags,
            StateReason = Reason(job.NonEmptyString("state_reason")),
            NodeCount = job.Int("node_count"),
            Cpus = job.Int("cpus"),
            SubmitTime = job.UnixTime("submit_time"),
            StartTime = job.UnixTime("start_time"),
            EndTime = job.UnixTime("end_time"),
            TimeLimit = job.Minutes("time_limit"),
            WorkingDirectory = job.NonEmptyString("current_working_directory"),
            // From v0.0.43 the plain fields hold the paths as submitted (slurm-%j.out); the expanded ones name the files.
            StandardOutput = job.NonEmptyString("stdout_expanded") ?? job.NonEmptyString("standard_output"),
            StandardError = job.NonEmptyString("stderr_expanded") ?? job.NonEmptyString("standard_error"),
            StandardInput = job.NonEmptyString("stdin_expanded") ?? job.NonEmptyString("standard_input"),
        };
    }

    private static SlurmJob ReadAccounting(JsonElement job)
    {
        var stateObject = job.Field("state") ?? default;
        var (state, flags) = SplitState(stateObject.ValueKind == JsonValueKind.Object ? stateObject.Strings("current") : Array.Empty<string>());
        var time = job.Field("time") ?? default;
        var elapsed = time.ValueKind == JsonValueKind.Object ? time.Number("elapsed") : null;
        var required = job.Field("required") ?? default;
        // allocation_nodes is a plain count, so a missing one is protobuf's zero; the CPUs count is
        // zero only inside a "required" S3M sent, and unknown without it.
        return new SlurmJob
        {
            User = job.NonEmptyString("user"),
            State = state,
            StateFlags = flags,
            StateReason = Reason(stateObject.ValueKind == JsonValueKind.Object ? stateObject.NonEmptyString("reason") : null),
            NodeCount = job.Int("allocation_nodes") ?? 0,
            Cpus = required.ValueKind == JsonValueKind.Object ? required.Int("CPUs") ?? 0 : null,
            SubmitTime = time.ValueKind == JsonValueKind.Object ? time.UnixTime("submission") : null,
            StartTime = time.ValueKind == JsonValueKind.Object ? time.UnixTime("start") : null,
            EndTime = time.ValueKind == JsonValueKind.Object ? time.UnixTime("end") : null,
            Elapsed = elapsed.HasValue && elapsed.Value > 0 ? TimeSpan.FromSeconds(elapsed.Value) : (TimeSpan?)null,
            TimeLimit = time.ValueKind == JsonValueKind.Object ? time.Minutes("limit") : null,
            WorkingDirectory = job.NonEmptyString("working_directory"),
            StandardOutput = job.NonEmptyString("stdout_expanded") ?? job.NonEmptyString("stdout"),
            StandardError = job.NonEmptyString("stderr_expanded") ?? job.NonEmptyString("stderr"),
            StandardInput = job.NonEmptyString("stdin_expanded") ?? job.NonEmptyString("stdin"),
        };
    }

    /// <summary>
    /// The controller writes the comment as a string; accounting as <c>{administrator, job,
    /// system}</c>, of which the user's is <c>job</c>.
    /// </summary>
    internal static string? CommentOf(JsonElement job)
    {
        var comment = job.Field("comment") ?? default;
        return comment.ValueKind == JsonValueKind.Object ? comment.NonEmptyString("job") : job.NonEmptyString("comment");
    }

    /// <summary>The first base state is the state; every other word is a flag.</summary>
    private static (string? state, S3mList<string> flags) SplitState(string[] words)
    {
        if (words.Length == 0)
        {
            return (null, S3mList<string>.Empty);
        }

        var primary = words.FirstOrDefault(w => Array.IndexOf(BaseStates, w) >= 0) ?? words[0];
        return (primary, words.Where(w => w != primary).ToS3mList());
    }

    private static string[] Words(string? text) =>
        text == null ? Array.Empty<string>() : text.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries);

    private static string? Reason(string? reason) => reason == null || reason == "None" ? null : reason;

    // Slurm writes "None assigned" for a job that has no nodes yet.
    private static string? Assigned(string? nodes) =>
        nodes == null || nodes.StartsWith("None", StringComparison.OrdinalIgnoreCase) ? null : nodes;

    private static string? ReadSignal(JsonElement exit)
    {
        if (exit.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var signal = exit.Field("signal") ?? default;
        if (signal.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var name = signal.NonEmptyString("name");
        var id = signal.Number("id");
        return name ?? (id.HasValue && id.Value > 0 && id.Value != SlurmJson.Infinite ? id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }
}
