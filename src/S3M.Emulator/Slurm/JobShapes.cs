using System.Globalization;
using System.Text;
using S3M.Emulator.Slurm.Wire;

namespace S3M.Emulator.Slurm;

/// <summary>
/// A job written in the two shapes S3M answers with: the controller's (<c>GET /jobs</c>) and
/// accounting's (<c>GET /job/{id}</c>), each with the fields its API version has.
/// </summary>
internal static class JobShapes
{
    public static ControllerJob Controller(JobRecord job, DateTimeOffset now, SlurmApiVersion version)
    {
        var status = job.StatusAt(now);
        var stdout = Expand(job.StandardOutput, job);
        var stderr = Expand(job.StandardError, job);
        var stdin = ExpandOrNull(job.StandardInput, job);
        // Where the version has the expanded fields, the plain ones hold the paths as submitted.
        var expandedFields = version.ControllerHasExpandedPaths;
        var allocated = status.StartedAt is not null;
        var exit = ExitOf(status);
        return new ControllerJob
        {
            Account = job.Project,
            AccrueTime = Wrap64.Time(job.SubmittedAt),
            BatchFlag = true,
            BatchHost = allocated ? job.NodeNames.FirstOrDefault() : null,
            Cluster = job.Resource,
            Comment = job.Comment,
            Cpus = Wrap32.Of(allocated ? job.Cpus : job.RequiredCpus),
            CpusPerTask = Wrap32.Of(job.CpusPerTask),
            CurrentWorkingDirectory = job.WorkingDirectory,
            DerivedExitCode = exit,
            EligibleTime = Wrap64.Time(job.EligibleAt),
            EndTime = Wrap64.Time(status.EndedAt ?? (status.Phase == JobPhase.Running ? status.StartedAt + TimeSpan.FromMinutes(job.TimeLimitMinutes) : null)),
            ExitCode = exit,
            GroupId = SlurmIdentity.GroupId(job.Project),
            GroupName = SlurmIdentity.Group(job.Project),
            JobId = job.Id,
            JobState = status.Words,
            LastSchedEvaluation = Wrap64.Time(status.StartedAt ?? job.SubmittedAt),
            MaxNodes = Wrap32.Of(job.NodeNames.Count),
            MemoryPerCpu = job.MemoryPerCpu is { } perCpu ? Wrap64.Of(perCpu) : null,
            MemoryPerNode = job.MemoryPerNode is { } perNode ? Wrap64.Of(perNode) : null,
            Name = job.Name,
            NodeCount = Wrap32.Of(job.NodeNames.Count),
            Nodes = allocated ? job.NodeList : null,
            Partition = job.Partition,
            Priority = Wrap32.Of(status.IsFinished ? 0 : job.Priority),
            Qos = job.Qos,
            ResvName = job.Reservation,
            StandardError = expandedFields ? job.StandardError : stderr,
            StandardInput = expandedFields ? job.StandardInput : stdin,
            StandardOutput = expandedFields ? job.StandardOutput : stdout,
            StderrExpanded = expandedFields ? stderr : null,
            StdinExpanded = expandedFields ? stdin : null,
            StdoutExpanded = expandedFields ? stdout : null,
            StartTime = Wrap64.Time(status.StartedAt),
            StateReason = status.Reason,
            SubmitLine = version.ControllerHasSubmitLine ? SubmitLine(job) : null,
            SubmitTime = Wrap64.Time(job.SubmittedAt),
            SuspendTime = Wrap64.Of(0),
            Tasks = Wrap32.Of(job.Tasks),
            TimeLimit = Wrap32.Of(job.TimeLimitMinutes),
            TimeMinimum = Wrap32.Of(0),
            TresReqStr = TresText(job.RequiredCpus, job.NodeNames.Count),
            TresAllocStr = allocated ? TresText(job.Cpus, job.NodeNames.Count) : null,
            UserId = SlurmIdentity.UserId(job.Project),
            UserName = job.User,
        };
    }

    /// <summary>slurmdbd's job, the same fields in v0.0.42 to v0.0.44 as far as the emulator writes them.</summary>
    public static AccountingJob Accounting(JobRecord job, DateTimeOffset now)
    {
        var status = job.StatusAt(now);
        var started = status.StartedAt is not null;
        var exit = ExitOf(status);
        return new AccountingJob
        {
            Account = job.Project,
            AllocationNodes = started ? job.NodeNames.Count : 0,
            Association = new Association(job.Project, job.Resource, job.Partition, job.User),
            Cluster = job.Resource,
            Comment = job.Comment is null ? null : new JobComment(job.Comment),
            DerivedExitCode = exit,
            Time = new JobTime
            {
                Elapsed = (int)status.Elapsed(now).TotalSeconds,
                Eligible = job.EligibleAt.ToUnixTimeSeconds(),
                End = status.EndedAt?.ToUnixTimeSeconds() ?? 0,
                Planned = Wrap64.Of((long)((status.StartedAt ?? now) - job.SubmittedAt).TotalSeconds),
                Start = status.StartedAt?.ToUnixTimeSeconds() ?? 0,
                Submission = job.SubmittedAt.ToUnixTimeSeconds(),
                Limit = Wrap32.Of(job.TimeLimitMinutes),
            },
            ExitCode = exit,
            Group = SlurmIdentity.Group(job.Project),
            JobId = job.Id,
            Name = job.Name,
            // sacct's words for a job that has no nodes yet.
            Nodes = started ? job.NodeList : "None assigned",
            Partition = job.Partition,
            Priority = Wrap32.Of(status.IsFinished ? 0 : job.Priority),
            Qos = job.Qos,
            Required = new Required
            {
                Cpus = job.RequiredCpus,
                MemoryPerCpu = job.MemoryPerCpu is { } perCpu ? Wrap64.Of(perCpu) : Wrap64.Unset,
                MemoryPerNode = job.MemoryPerNode is { } perNode ? Wrap64.Of(perNode) : Wrap64.Unset,
            },
            KillRequestUser = status.Phase == JobPhase.Cancelled ? job.User : null,
            Script = job.Script,
            StdoutExpanded = Expand(job.StandardOutput, job),
            StderrExpanded = Expand(job.StandardError, job),
            StdinExpanded = ExpandOrNull(job.StandardInput, job),
            Stdout = job.StandardOutput,
            Stderr = job.StandardError,
            Stdin = job.StandardInput,
            State = new JobStateInfo(status.Words, status.Reason),
            Steps = started ? [BatchStep(job, status, now)] : [],
            SubmitLine = SubmitLine(job),
            Tres = new Tres(
                started ? Tres(job.Cpus, job.NodeNames.Count, job) : [],
                Tres(job.RequiredCpus, job.NodeNames.Count, job)),
            User = job.User,
            WorkingDirectory = job.WorkingDirectory,
        };
    }

    /// <summary>A path that may be absent (standard input), expanded as <see cref="Expand"/> does.</summary>
    private static string? ExpandOrNull(string? pattern, JobRecord job) => pattern is null ? null : Expand(pattern, job);

    /// <summary>Slurm's filename patterns: %j job ID, %x name, %u user, %N first node, %% a percent sign.</summary>
    public static string Expand(string pattern, JobRecord job)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '%' || i + 1 == pattern.Length)
            {
                text.Append(pattern[i]);
                continue;
            }

            text.Append(pattern[++i] switch
            {
                'j' or 'A' => job.Id.ToString(CultureInfo.InvariantCulture),
                'x' => job.Name,
                'u' => job.User,
                'N' => job.NodeNames.FirstOrDefault() ?? "",
                '%' => "%",
                var other => "%" + other,
            });
        }

        return text.ToString();
    }

    private static ExitCode ExitOf(JobStatus status) => new(
        [status.ExitStatus],
        status.ExitCode is { } code ? Wrap32.Of(code) : Wrap32.Unset,
        status.Signal is { } signal ? new ExitSignal(Wrap32.Of(signal.Number), signal.Name) : new ExitSignal(Wrap32.Unset, null));

    private static JobStep BatchStep(JobRecord job, JobStatus status, DateTimeOffset now)
    {
        var nodes = job.NodeNames.Take(1).ToList();
        return new JobStep
        {
            Time = new StepTime((int)status.Elapsed(now).TotalSeconds, Wrap64.Time(status.EndedAt), Wrap64.Time(status.StartedAt), 0),
            ExitCode = ExitOf(status),
            Nodes = new StepNodes(nodes.Count, nodes.FirstOrDefault() ?? "", nodes),
            Tasks = new StepTasks(1),
            State = [status.State],
            Step = new StepId($"{job.Id}.batch", "batch"),
            KillRequestUser = status.Phase == JobPhase.Cancelled ? job.User : null,
        };
    }

    /// <summary>Trackable resources; memory only when the job asked for some per node.</summary>
    private static IReadOnlyList<TresItem> Tres(int cpus, int nodes, JobRecord job) =>
    [
        new("cpu", null, 1, cpus),
        .. job.MemoryPerNode is { } perNode ? [new TresItem("mem", null, 2, perNode * nodes)] : Array.Empty<TresItem>(),
        new("node", null, 4, nodes),
        new("billing", null, 5, cpus),
    ];

    private static string TresText(int cpus, int nodes) => $"cpu={cpus},node={nodes},billing={cpus}";

    private static string SubmitLine(JobRecord job) => $"sbatch --job-name={job.Name} --partition={job.Partition} --time={job.TimeLimitMinutes}";
}
