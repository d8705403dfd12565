using S3M.Emulator.Config;

namespace S3M.Emulator.Slurm;

/// <summary>The scheduler's pace; <c>POST /_emulator/scheduler</c> changes it for jobs submitted after.</summary>
internal sealed record SchedulerSettings(
    double PendingSeconds, double DefaultRunSeconds, double KeepFinishedSeconds, double CompletingSeconds, double RequeueSeconds)
{
    public static SchedulerSettings From(SchedulerSpec spec)
    {
        var settings = new SchedulerSettings(spec.PendingSeconds, spec.DefaultRunSeconds, spec.KeepFinishedSeconds, spec.CompletingSeconds, spec.RequeueSeconds);
        return settings.Problem() is { } problem ? throw new InvalidDataException($"scheduler: {problem}") : settings;
    }

    /// <summary>Why these settings cannot be used, or null.</summary>
    public string? Problem() =>
        new[] { PendingSeconds, DefaultRunSeconds, KeepFinishedSeconds, CompletingSeconds, RequeueSeconds }.Any(s => !double.IsFinite(s) || s < 0 || s > 366 * 86400)
            ? "pendingSeconds, defaultRunSeconds, keepFinishedSeconds, completingSeconds and requeueSeconds must be 0 or more, and under a year"
            : null;
}

/// <summary>What a cancel or signal request came to.</summary>
internal enum SignalOutcome
{
    NotFound,
    AlreadyDone,
    StillPending,
    Cancelled,
    Delivered,
}

/// <summary>
/// Every emulated job, per resource, with job IDs counting up from 4200 on each resource. All state
/// lives under one lock; records are immutable, so what a read returns never changes under it.
/// </summary>
internal sealed class SlurmScheduler(SchedulerSpec initial, EmulatorClock clock)
{
    public const int FirstJobId = 4200;

    private readonly object gate = new();
    private readonly Dictionary<string, SortedDictionary<int, JobRecord>> jobs = new();
    private readonly SchedulerSettings initialSettings = SchedulerSettings.From(initial);
    private SchedulerSettings? settings;

    public SchedulerSettings Settings
    {
        get
        {
            lock (gate)
            {
                return settings ?? initialSettings;
            }
        }

        set
        {
            lock (gate)
            {
                settings = value;
            }
        }
    }

    /// <summary>Stores a new job, giving it the resource's next ID.</summary>
    public JobRecord Add(JobRecord draft)
    {
        lock (gate)
        {
            var resourceJobs = JobsOf(draft.Resource);
            var job = draft with { Id = resourceJobs.Count == 0 ? FirstJobId : resourceJobs.Keys.Max() + 1 };
            resourceJobs[job.Id] = job;
            return job;
        }
    }

    public IReadOnlyList<JobRecord> Jobs(string resource)
    {
        lock (gate)
        {
            return [.. JobsOf(resource).Values];
        }
    }

    public JobRecord? Find(string resource, int id)
    {
        lock (gate)
        {
            return JobsOf(resource).GetValueOrDefault(id);
        }
    }

    /// <summary>Cancels (SIGTERM, SIGKILL) or signals a job, deciding against the clock under the lock.</summary>
    public SignalOutcome Signal(string resource, int id, SlurmSignal signal)
    {
        lock (gate)
        {
            var resourceJobs = JobsOf(resource);
            if (!resourceJobs.TryGetValue(id, out var job))
            {
                return SignalOutcome.NotFound;
            }

            var now = clock.GetUtcNow();
            var status = job.StatusAt(now);
            if (status.IsFinished || status.IsCompleting)
            {
                return SignalOutcome.AlreadyDone;
            }

            if (signal.Cancels)
            {
                resourceJobs[id] = job with { CancelledAt = now, CancelSignal = signal };
                return SignalOutcome.Cancelled;
            }

            // A pending job has no process to take a signal.
            if (status.Phase == JobPhase.Pending)
            {
                return SignalOutcome.StillPending;
            }

            resourceJobs[id] = job with { SignalsDelivered = job.SignalsDelivered.Add(signal) };
            return SignalOutcome.Delivered;
        }
    }

    /// <summary>Forgets every job and restores the configured pace (with <c>/_emulator/reset</c>, which also rewinds the clock).</summary>
    public void Reset()
    {
        lock (gate)
        {
            jobs.Clear();
            settings = null;
        }
    }

    private SortedDictionary<int, JobRecord> JobsOf(string resource)
    {
        if (!jobs.TryGetValue(resource, out var resourceJobs))
        {
            resourceJobs = new();
            jobs[resource] = resourceJobs;
        }

        return resourceJobs;
    }
}
