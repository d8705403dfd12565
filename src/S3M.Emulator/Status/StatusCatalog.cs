using S3M.Emulator.Config;

namespace S3M.Emulator.Status;

/// <summary>The status page's data, read against the emulator's clock so moving it moves downtimes in and out of effect.</summary>
internal sealed class StatusCatalog
{
    /// <summary>How far ahead <c>downtimes/upcoming</c> looks.</summary>
    private static readonly TimeSpan UpcomingWindow = TimeSpan.FromDays(10);

    private readonly IReadOnlyList<ResourceSpec> resources;
    private readonly IReadOnlyList<ResolvedDowntime> downtimes;
    private readonly EmulatorClock clock;

    public StatusCatalog(EmulatorConfig config, EmulatorClock clock)
    {
        this.clock = clock;
        resources = config.Resources ?? [];
        downtimes = [.. (config.Downtimes ?? []).Select(d => Resolve(d, clock.StartedAt)).OrderBy(d => d.Start)];
    }

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
