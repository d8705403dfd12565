using System.Globalization;
using System.Text.RegularExpressions;
using S3M.Emulator.Slurm.Wire;

namespace S3M.Emulator.Slurm;

/// <summary>What Slurm made of a submission: a job to store, or the errors that refused it; warnings either way.</summary>
internal sealed record Admission(JobRecord? Draft, IReadOnlyList<SlurmError> Errors, IReadOnlyList<SlurmWarning> Warnings);

/// <summary>
/// Slurm's side of a submission, for a body the gateway already accepted: these refusals are
/// HTTP 200 with <c>errors[]</c>, the first problem found, as slurmctld reports one. A job that
/// passes gets its partition's defaults, its nodes, and its run time from the script.
/// </summary>
internal static partial class JobAdmission
{
    private const string Source = "slurm_submit_batch_job()";

    // The accepted text fields slurmctld bounds, in bytes: paths by MAXPATHLEN, the rest by 1024.
    private static readonly (string Field, int Most)[] TextLimits =
    [
        ("account", 1024), ("comment", 1024), ("licenses", 1024), ("name", 1024), ("partition", 1024),
        ("qos", 1024), ("reservation", 1024), ("current_working_directory", 4096),
        ("standard_input", 4096), ("standard_output", 4096), ("standard_error", 4096),
    ];

    public static Admission Admit(JobDescription job, SlurmCluster cluster, string project, SchedulerSettings pace, DateTimeOffset now, string? withStorage)
    {
        var warnings = new List<SlurmWarning>();
        var user = SlurmIdentity.User(project);

        // slurmctld's _test_job_desc_fields: the first text over its length refuses the job.
        foreach (var (field, most) in TextLimits)
        {
            if (job.Text(field) is { } text && System.Text.Encoding.UTF8.GetByteCount(text) is var bytes && bytes > most)
            {
                return Refuse(SlurmErrors.PathnameTooLong, $"strlen({field}) too big ({bytes} > {most})");
            }
        }

        if (job.TextList("environment") is not { Count: > 0 } environment)
        {
            return Refuse(SlurmErrors.EnvironmentMissing, "batch job cannot run without an environment: set \"environment\" (such as [\"PATH=/bin:/usr/bin\"])");
        }

        if (!job.Script.StartsWith("#!", StringComparison.Ordinal))
        {
            return Refuse(SlurmErrors.JobScriptMissing,
                "This does not look like a batch script. The first line must start with #! followed by the path to an interpreter.");
        }

        var partitionName = job.Text("partition") ?? cluster.DefaultPartition.Name;
        if (cluster.FindPartition(partitionName) is not { } partition)
        {
            return Refuse(SlurmErrors.InvalidPartitionName,
                $"partition \"{partitionName}\" does not exist on {cluster.Name}; its partitions are {string.Join(", ", cluster.Partitions.Select(p => p.Name))}");
        }

        var account = job.Text("account") ?? project;
        if (account != project)
        {
            return Refuse(SlurmErrors.InvalidAccount, $"account \"{account}\" is not this token's project \"{project}\"");
        }

        int limit;
        if (job.Wrapped("time_limit") is not { Set: true } asked)
        {
            limit = partition.DefaultMinutes;
            warnings.Add(new SlurmWarning($"no time limit given, using the partition default of {limit} minutes", Source));
        }
        else if (asked.Infinite || asked.Number == 0 || asked.Number > partition.MaxMinutes)
        {
            return Refuse(SlurmErrors.InvalidTimeLimit,
                $"time limit {(asked.Infinite ? "UNLIMITED" : asked.Number + " minutes")} exceeds partition {partition.Name}'s maximum of {partition.MaxMinutes} minutes");
        }
        else
        {
            limit = (int)asked.Number;
        }

        var nodeCount = NodeCount(job);
        if (nodeCount is null || nodeCount < 1 || nodeCount > partition.MaxNodes)
        {
            return Refuse(SlurmErrors.InvalidNodeCount,
                $"node count {job.Text("nodes") ?? job.Int32("minimum_nodes")?.ToString(CultureInfo.InvariantCulture)} is not 1 to {partition.MaxNodes}, the nodes partition {partition.Name} can give");
        }

        var nodes = partition.Nodes.Where(n => n.TakesJobs).OrderBy(n => n.BusyElsewhere).ThenBy(n => n.Number).Take(nodeCount.Value).ToList();
        var tasks = Math.Max(job.Int32("tasks") ?? 1, 1);
        var cpusPerTask = Math.Max(job.Int32("cpus_per_task") ?? 1, 1);
        var directory = job.Text("current_working_directory") ?? $"/ccs/home/{user}";
        var stdout = Absolute(job.Text("standard_output") ?? "slurm-%j.out", directory);
        var script = JobScript.Read(job.Script);
        var begin = job.Wrapped("begin_time") is { HasNumber: true } b ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(b.Number, 253402300799)) : (DateTimeOffset?)null;
        var ready = now + TimeSpan.FromSeconds(pace.PendingSeconds);

        var draft = new JobRecord
        {
            Resource = cluster.Name,
            Project = project,
            User = user,
            Name = job.Text("name") ?? "sbatch",
            Partition = partition.Name,
            SubmittedAt = now,
            EligibleAt = begin > ready ? begin.Value : ready,
            HeldByBeginTime = begin > ready,
            RunTime = script.RunTime ?? TimeSpan.FromSeconds(pace.DefaultRunSeconds),
            ScriptExitCode = script.ExitCode,
            RequeueAfter = script.RequeueAfter,
            RequeueHold = TimeSpan.FromSeconds(pace.RequeueSeconds),
            Completing = TimeSpan.FromSeconds(pace.CompletingSeconds),
            TimeLimitMinutes = limit,
            NodeNames = [.. nodes.Select(n => n.Name)],
            NodeList = cluster.NodeList(nodes),
            // OLCF allocates whole nodes.
            Cpus = nodes.Count * cluster.CpusPerNode,
            RequiredCpus = Math.Max(tasks * cpusPerTask, job.Int32("minimum_cpus") ?? 1),
            Tasks = tasks,
            CpusPerTask = cpusPerTask,
            MemoryPerCpu = job.Wrapped("memory_per_cpu") is { HasNumber: true } perCpu ? perCpu.Number : null,
            MemoryPerNode = job.Wrapped("memory_per_node") is { HasNumber: true } perNode ? perNode.Number : null,
            Priority = job.Wrapped("priority") is { HasNumber: true } priority ? (int)Math.Min(priority.Number, int.MaxValue) : 1000,
            WorkingDirectory = directory,
            StandardOutput = stdout,
            StandardError = job.Text("standard_error") is { } stderr ? Absolute(stderr, directory) : stdout,
            StandardInput = job.Text("standard_input") ?? "/dev/null",
            Script = job.Script,
            Environment = environment,
            Comment = job.Text("comment"),
            Qos = job.Text("qos") ?? "normal",
            Reservation = job.Text("reservation"),
            WithStorage = withStorage,
        };
        return new Admission(draft, [], warnings);

        Admission Refuse(int code, string description) => new(null, [SlurmErrors.Error(code, description, Source)], warnings);
    }

    /// <summary>The minimum of a node count range ("2", "2-4", "1-15:4"), else minimum_nodes, else 1; null when unreadable.</summary>
    private static int? NodeCount(JobDescription job)
    {
        if (job.Text("nodes") is { } range)
        {
            var match = NodeRange().Match(range.Trim());
            return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        }

        return job.Int32("minimum_nodes") is { } minimum && minimum > 0 ? minimum : 1;
    }

    private static string Absolute(string path, string directory) => path.StartsWith('/') ? path : $"{directory.TrimEnd('/')}/{path}";

    [GeneratedRegex(@"^(\d{1,6})(?:-\d{1,6})?(?::\d{1,6})?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NodeRange();
}
