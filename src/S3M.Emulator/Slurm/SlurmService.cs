using S3M.Emulator.Gateway;
using S3M.Emulator.Slurm.Wire;

namespace S3M.Emulator.Slurm;

/// <summary>
/// The Slurm calls behind both compute prefixes. Gateway refusals (bad path, bad body, another
/// project's job) are gRPC errors; Slurm's own refusals carry <c>errors[]</c>, under slurmrestd's
/// status or 200 (<see cref="SlurmRefusals"/>); a cancel's per-job errors are in <c>status[]</c> of a 200.
/// </summary>
internal sealed class SlurmService(SlurmCatalog catalog, SlurmScheduler scheduler, EmulatorClock clock, SlurmRefusals refusals, WireDialect dialect)
{
    /// <summary>The signalling flags slurmrestd takes on <c>DELETE /job/{id}</c>, the same in v0.0.42 to v0.0.44.</summary>
    private static readonly string[] KillFlags =
    [
        "BATCH_JOB", "ARRAY_TASK", "FULL_STEPS_ONLY", "FULL_JOB", "FEDERATION_REQUEUE", "HURRY", "OUT_OF_MEMORY",
        "NO_SIBLING_JOBS", "RESERVATION_JOB", "VERBOSE", "CRON_JOBS", "WARNING_SENT",
    ];

    public IResult Ping(HttpContext http) => Answer(http, call =>
    {
        var pings = ClusterShapes.Pings(call.Cluster);
        return new PingAnswer { Pings = dialect.Current.PingedOnly ? [.. pings.Select(p => p.PingedOnly())] : pings, Meta = call.Meta() };
    });

    public IResult Partitions(HttpContext http) => Answer(http, call => new PartitionsAnswer
    {
        Partitions = ClusterShapes.Partitions(call.Cluster),
        LastUpdate = Wrap64.Time(clock.StartedAt),
        Meta = call.Meta(),
    });

    public IResult Nodes(HttpContext http) => Answer(http, call => new NodesAnswer
    {
        Nodes = ClusterShapes.Nodes(call.Cluster, scheduler.Jobs(call.Cluster.Name), call.Now, clock.StartedAt),
        LastUpdate = Wrap64.Time(call.Now),
        Meta = call.Meta(),
    });

    /// <summary>Reservations that have ended are gone, as in Slurm.</summary>
    public IResult Reservations(HttpContext http) => Answer(http, call => new ReservationsAnswer
    {
        Reservations = ClusterShapes.Reservations(call.Cluster, catalog.Reservations(call.Cluster.Name).Where(r => r.End > call.Now)),
        LastUpdate = Wrap64.Time(clock.StartedAt),
        Meta = call.Meta(),
    });

    public IResult Diag(HttpContext http) => Answer(http, call => new DiagAnswer
    {
        Statistics = ClusterShapes.Statistics(scheduler.Jobs(call.Cluster.Name), call.Now, clock.StartedAt, call.Version),
        Meta = call.Meta(),
    });

    /// <summary>The project's jobs the controller still remembers: finished ones drop out after keepFinishedSeconds.</summary>
    public IResult Jobs(HttpContext http) => Answer(http, call =>
    {
        var forgetBefore = call.Now - TimeSpan.FromSeconds(scheduler.Settings.KeepFinishedSeconds);
        var jobs = scheduler.Jobs(call.Cluster.Name)
            .Where(j => j.Project == call.Project && !(j.StatusAt(call.Now).EndedAt < forgetBefore))
            .Select(j => JobShapes.Controller(j, call.Now, call.Version))
            .ToList();
        return new JobsAnswer { Jobs = jobs, LastBackfill = Wrap64.Time(call.Now.AddSeconds(-20)), LastUpdate = Wrap64.Time(call.Now), Meta = call.Meta() };
    });

    /// <summary>One job from accounting, which never forgets; another project's job is not found at the gateway.</summary>
    public IResult Job(HttpContext http, string jobId) => Answer(http, call =>
    {
        if (SlurmCall.ParseJobId(jobId, out var refusal) is not { } id)
        {
            return refusal!;
        }

        var job = scheduler.Find(call.Cluster.Name, id);
        if (job is null)
        {
            return refusals.Answer(new AccountingJobsAnswer
            {
                Jobs = [],
                Meta = call.Meta(fromAccounting: true),
                Errors = [SlurmErrors.Error(SlurmErrors.InvalidJobId, $"Job not found: {call.Cluster.Name} has no job {id}", "slurmdb_jobs_get()")],
            });
        }

        if (job.Project != call.Project)
        {
            return OtherProject(id);
        }

        var record = JobShapes.Accounting(job, call.Now);
        return dialect.Current.MinimalAccountingJob
            ? new MinimalAccountingJobsAnswer { Jobs = [MinimalAccountingJob.Of(record)], Meta = call.Meta(fromAccounting: true) }
            : new AccountingJobsAnswer { Jobs = [record], Meta = call.Meta(fromAccounting: true) };
    });

    public async Task<IResult> SubmitAsync(HttpContext http)
    {
        var body = await WireJson.ReadBodyAsync(http.Request);
        return Answer(http, call =>
        {
            if (SubmitParser.Parse(body, call.Version, out var problem) is not { } description)
            {
                return GatewayError.Result(GrpcCode.InvalidArgument, $"invalid submit request: {problem}", problem);
            }

            var withStorage = http.Request.Headers["x-s3m-withstorage"] is { Count: > 0 } header ? header.ToString() : null;
            var admission = JobAdmission.Admit(description, call.Cluster, call.Project, scheduler.Settings, call.Now, withStorage);
            if (admission.Draft is null)
            {
                return refusals.Answer(new SubmitAnswer { Meta = call.Meta(), Errors = admission.Errors, Warnings = admission.Warnings });
            }

            var job = scheduler.Add(admission.Draft);
            return new SubmitAnswer
            {
                JobId = job.Id,
                StepId = "batch",
                JobSubmitUserMsg = $"Job {job.Id} submitted to partition {job.Partition} on {job.Resource}",
                Meta = call.Meta(),
                Warnings = admission.Warnings,
            };
        });
    }

    /// <summary>SIGTERM (the default) and SIGKILL cancel; other signals reach a running job and change nothing.</summary>
    public IResult Cancel(HttpContext http, string jobId, string? signal, string? flags) => Answer(http, call =>
    {
        if (SlurmCall.ParseJobId(jobId, out var refusal) is not { } id)
        {
            return refusal!;
        }

        if (SlurmSignal.Parse(signal) is not { } parsed)
        {
            return GatewayError.Result(GrpcCode.InvalidArgument, $"invalid signal \"{signal}\": use a name such as SIGTERM, SIGKILL, SIGUSR1, or a number");
        }

        var unknownFlag = (flags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(f => !KillFlags.Contains(f));
        if (unknownFlag is not null)
        {
            return GatewayError.Result(GrpcCode.InvalidArgument, $"invalid flags: unknown flag \"{unknownFlag}\"; known: {string.Join(", ", KillFlags)}");
        }

        if (scheduler.Find(call.Cluster.Name, id) is { } job && job.Project != call.Project)
        {
            return OtherProject(id);
        }

        var (code, message) = scheduler.Signal(call.Cluster.Name, id, parsed) switch
        {
            SignalOutcome.NotFound => (SlurmErrors.InvalidJobId, $"Job {id} not found"),
            SignalOutcome.AlreadyDone => (SlurmErrors.AlreadyDone, $"Job {id} has already finished"),
            SignalOutcome.StillPending => (SlurmErrors.JobPending, $"Job {id} is pending: there is no process to send {parsed.Name} to"),
            _ => (0, null),
        };
        return new KillAnswer
        {
            Status = [new KillStatus(new KillError(SlurmErrors.Text(code), code, message), null, Wrap32.Of(id))],
            Meta = call.Meta(),
        };
    });

    /// <summary>Resolves the call, then writes what <paramref name="answer"/> gives: a refusal as it is, an answer in the Slurm dialect.</summary>
    private IResult Answer(HttpContext http, Func<SlurmCall, object> answer)
    {
        var call = SlurmCall.Resolve(http, catalog, clock, out var refusal);
        if (call is null)
        {
            return refusal!;
        }

        return answer(call) switch
        {
            IResult result => result,
            var value => WireJson.OkSlurm(value),
        };
    }

    private static IResult OtherProject(int id) =>
        GatewayError.Result(GrpcCode.NotFound, $"job {id} not found among your project's jobs");
}
