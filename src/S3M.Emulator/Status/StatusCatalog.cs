using S3M.Emulator.Config;

namespace S3M.Emulator.Status;

/// <summary>
/// The status page's data, read against the emulator's clock so moving it moves downtimes in and
/// out of effect. The downtimes can be replaced at run time (<c>POST /_emulator/downtimes</c>);
/// a reset brings back the configured ones.
/// </summary>
internal sealed class StatusCatalog
{
    /// <summary>How far ahead <c>downtimes/upcoming</c> looks.</summary>
    private static readonly TimeSpan UpcomingWindow = TimeSpan.FromDays(10);

    private readonly IReadOnlyList<ResourceSpec> resources;
    private readonly IReadOnlyList<ResolvedDowntime> configured;
    private readonly EmulatorClock clock;

    // Replaced whole, never changed in place: a reader sees the old list or the new one.
    private volatile IReadOnlyList<ResolvedDowntime> downtimes;

    public StatusCatalog(EmulatorConfig config, EmulatorClock clock)
    {
        this.clock = clock;
        resources = config.Resources ?? [];
        configured = Resolve(config.Downtimes ?? [], clock.StartedAt);
        downtimes = configured;
    }

    /// <summary>Every downtime, past ones included, by start: the Slurm clusters' maintenance reservations follow it.</summary>
    public IReadOnlyList<ResolvedDowntime> Downtimes => downtimes;

    public IReadOnlyList<Resource> Resources()
    {
        var now = clock.GetUtcNow();
        return [.. resources.Select(r => Describe(r, now))];
    }

    public Resource? Find(string name)
    {
        var resource = resources.FirstOrDefault(r => r.Name == name);
        return resource is null ? null : Describe(resource, clock.GetUtcNow());
    }

    public IReadOnlyList<ResolvedDowntime> InEffect()
    {
        var now = clock.GetUtcNow();
        return [.. downtimes.Where(d => d.Start <= now && now < d.End)];
    }

    public IReadOnlyList<ResolvedDowntime> Upcoming()
    {
        var now = clock.GetUtcNow();
        return [.. downtimes.Where(d => now < d.Start && d.Start <= now + UpcomingWindow)];
    }

    /// <summary>Replaces every downtime; relative times ("+1h") count from the emulator's clock now, to the whole second.</summary>
    /// <exception cref="InvalidDataException">A time that cannot be read, or a downtime that ends before it starts.</exception>
    public IReadOnlyList<ResolvedDowntime> Replace(IEnumerable<DowntimeSpec> specs)
    {
        var replaced = Resolve(specs, EmulatorClock.WholeSecond(clock.GetUtcNow()));
        if (replaced.FirstOrDefault(d => d.End <= d.Start) is { } backwards)
        {
            throw new InvalidDataException($"the downtime of \"{backwards.ResourceName}\" does not end after it starts ({backwards.Start:O} to {backwards.End:O})");
        }

        downtimes = replaced;
        return replaced;
    }

    public void Reset() => downtimes = configured;

    private Resource Describe(ResourceSpec spec, DateTimeOffset now) => new()
    {
        Name = spec.Name,
        Description = spec.Description,
        SystemType = spec.SystemType,
        SecurityEnclave = spec.SecurityEnclave,
        Organization = spec.Organization,
        Status = spec.Status,
        Annotations = spec.Annotations,
        DowntimeScheduleAvailable = spec.DowntimeScheduleAvailable,
        // Only resources that publish a schedule carry one.
        UpcomingDowntimes = spec.DowntimeScheduleAvailable
            ? [.. downtimes.Where(d => d.ResourceName == spec.Name && now < d.Start)]
            : [],
        RetrievedAt = now,
    };

    private static IReadOnlyList<ResolvedDowntime> Resolve(IEnumerable<DowntimeSpec> specs, DateTimeOffset anchor) =>
        [.. specs.Select(d => Resolve(d, anchor)).OrderBy(d => d.Start)];

    private static ResolvedDowntime Resolve(DowntimeSpec spec, DateTimeOffset anchor) => new()
    {
        ResourceName = spec.ResourceName,
        Status = spec.Status,
        Start = RelativeTime.ParseInstant(spec.Start, anchor),
        End = RelativeTime.ParseInstant(spec.End, anchor),
        Description = spec.Description,
        Attributes = spec.Attributes,
        UpdatedAt = spec.UpdatedAt is null ? default : RelativeTime.ParseInstant(spec.UpdatedAt, anchor),
    };
}
